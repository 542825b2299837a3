import type { Destination } from '../domain/subscription.js';

/** What a reservation got: a slot `wait` ms from now, or (not reserved) how long to come back. */
export interface PaceSlot {
  readonly reserved: boolean;
  readonly wait: number;
}

/**
 * Paces messages per destination (a channel or DM) and per platform, shared by every worker:
 * a delivery may go when both the destination's and its platform's next free times have come,
 * and then claims both slots. Adapter: store/redis/redis-destination-pacer.ts.
 */
export interface DestinationPacer {
  /**
   * Reserves the next free slot when it is at most `maxWaitMs` away: the caller owns it and
   * sends after `wait` ms (several callers get consecutive slots instead of all retrying for
   * the same one). A later slot is not reserved: `wait` says when to ask again.
   */
  reserve(destination: Destination, maxWaitMs: number, now?: number): Promise<PaceSlot>;
  /** Nothing goes to `destination` before `untilMs` (the platform asked us to back off). */
  pushBack(destination: Destination, untilMs: number, now?: number): Promise<void>;
}
