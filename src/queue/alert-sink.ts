import type { Incident } from '../domain/incident.js';

/** Where alerts go: the console today, Slack and Discord through the same port. */
export interface AlertDelivery {
  readonly kind: 'new' | 'update';
  readonly incident: Incident;
  /** For updates: what changed, in words. */
  readonly changes: readonly string[];
}

export interface AlertSink {
  deliver(alert: AlertDelivery): Promise<void>;
}
