import type { Destination } from './subscription.js';

/** Why an alert waits for a digest instead of going out now. */
export type HoldReason = 'quiet-hours' | 'hourly' | 'daily' | 'burst';

/** An alert kept back for a digest; released at `releaseAt`. */
export interface HeldAlert {
  readonly destination: Destination;
  readonly incidentId: string;
  readonly version: number;
  readonly reason: HoldReason;
  readonly heldAt: string;
  readonly releaseAt: string;
  readonly subscriptionIds: readonly string[];
}
