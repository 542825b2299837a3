import { Counter, type Registry } from 'prom-client';

/**
 * What the callback did with a hub's content delivery: accepted (handed to the pipeline),
 * bad_signature / missing_signature (ignored, WebSub §7.1), unknown (no such subscription: 410),
 * unwanted (being unsubscribed or denied: 410), too_large (413), failed (500, the hub retries).
 */
export type NotificationOutcome =
  | 'accepted'
  | 'bad_signature'
  | 'missing_signature'
  | 'unknown'
  | 'unwanted'
  | 'too_large'
  | 'failed';

export interface WebSubMetrics {
  readonly notifications: Counter<'outcome'>;
  /** Verification requests from hubs by mode (subscribe, unsubscribe, denied) and outcome. */
  readonly verifications: Counter<'mode' | 'outcome'>;
  /** Requests sent to hubs by mode and outcome (ok, failed). */
  readonly hubRequests: Counter<'mode' | 'outcome'>;
}

export function createWebSubMetrics(registry: Registry): WebSubMetrics {
  const registers = [registry];
  return {
    notifications: new Counter({
      name: 'sitrep_websub_notifications_total',
      help: 'WebSub content deliveries by outcome (accepted, bad_signature, missing_signature, unknown, unwanted, too_large, failed)',
      labelNames: ['outcome'],
      registers,
    }),
    verifications: new Counter({
      name: 'sitrep_websub_verifications_total',
      help: 'WebSub verification requests by mode and outcome (confirmed, refused)',
      labelNames: ['mode', 'outcome'],
      registers,
    }),
    hubRequests: new Counter({
      name: 'sitrep_websub_hub_requests_total',
      help: 'Subscribe and unsubscribe requests sent to hubs by mode and outcome (ok, failed)',
      labelNames: ['mode', 'outcome'],
      registers,
    }),
  };
}
