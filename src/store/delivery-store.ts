import type { DeliveryRecord, Destination } from '../domain/subscription.js';
import type { HeldAlert } from '../domain/held-alert.js';

/**
 * Delivery records (destination + incident → latest version, status, message reference) and the
 * alerts held for a digest.
 */
export interface DeliveryStore {
  get(destination: Destination, incidentId: string): Promise<DeliveryRecord | null>;
  /** Saves the record; a later version or status replaces the earlier one. */
  put(record: DeliveryRecord): Promise<void>;
  /** Where an incident went (for `why`). */
  listByIncident(incidentId: string): Promise<DeliveryRecord[]>;
  /** Alerts sent (live) to a destination since `since`: the burst detector's input. */
  countSentSince(destination: Destination, since: Date): Promise<number>;
  /** Holds an alert for a later digest. */
  hold(alert: HeldAlert): Promise<void>;
  /** Destinations with a held alert whose release time has come. */
  dueDigests(now: Date): Promise<Destination[]>;
  /** Removes and returns the alerts held for a destination whose release time has come. */
  takeHeld(destination: Destination, now: Date): Promise<HeldAlert[]>;
  /** The alerts held for a destination whose release time has come, left in place. */
  peekHeld(destination: Destination, now: Date): Promise<HeldAlert[]>;
  /** Removes these held alerts (as returned by peekHeld) once their digest is enqueued. */
  removeHeld(destination: Destination, alerts: readonly HeldAlert[]): Promise<void>;
  /**
   * Claims the right to make one chat call (`key` names the destination, the incident and the
   * step) and notes what the call will show (`note`, e.g. the incident version it renders).
   * Null the first time; otherwise the note of the latest attempt, which may have reached the
   * platform before it crashed or heard an error, so the caller must check the platform before
   * posting again.
   */
  claimAttempt(key: string, note: string): Promise<string | null>;
  /** Replaces the note of a claimed call: a later attempt is about to make it again. */
  noteAttempt(key: string, note: string): Promise<void>;
  /**
   * Takes the lock on one incident's messages at one destination for `ttlMs` (so a new version
   * is never posted while the previous one is still being posted). False when another owner
   * holds it; the same owner (a re-run of the same job after its worker died) takes it again.
   * `owner` releases it with `unlockIncident`; a crashed holder's lock expires.
   */
  lockIncident(
    destination: Destination,
    incidentId: string,
    owner: string,
    ttlMs: number,
  ): Promise<boolean>;
  unlockIncident(destination: Destination, incidentId: string, owner: string): Promise<void>;
}
