import type { Destination } from '../domain/subscription.js';

/**
 * Paces messages per destination (a channel or DM) and per platform, shared by every worker:
 * a delivery may go when both the destination's and its platform's next free times have come,
 * and then claims both slots. Adapter: store/redis/redis-destination-pacer.ts.
 */
export interface DestinationPacer {
  /** 0 when the caller may send now (the slots are claimed), else the milliseconds to wait. */
  claim(destination: Destination, now?: number): Promise<number>;
  /** Nothing goes to `destination` before `untilMs` (the platform asked us to back off). */
  pushBack(destination: Destination, untilMs: number, now?: number): Promise<void>;
}
