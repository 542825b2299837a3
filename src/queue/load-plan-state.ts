/**
 * Reads what `planDeliveries` needs for one incident from the stores: the previous delivery
 * record, active mutes and recent live sends of every destination the matched subscriptions
 * point at. The delivery worker calls this, then the pure planner.
 */
import type { AlertSettings } from '../alert/alert-settings.js';
import type { PlanInput } from '../alert/delivery-plan.js';
import { destinationKey, type Destination, type Subscription } from '../domain/subscription.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { MuteStore } from '../store/mute-store.js';

export type PlanState = Pick<PlanInput, 'previous' | 'mutes' | 'recentSent'>;

export async function loadPlanState(
  stores: { deliveries: DeliveryStore; mutes: MuteStore },
  incidentId: string,
  matched: readonly Subscription[],
  now: Date,
  settings: AlertSettings,
): Promise<PlanState> {
  const destinations = new Map<string, Destination>();
  for (const s of matched)
    if (!s.disabled) destinations.set(destinationKey(s.destination), s.destination);
  const since = new Date(now.getTime() - settings.burstWindowMs);
  const entries = await Promise.all(
    [...destinations].map(async ([key, d]) => {
      const [prev, mutes, sent] = await Promise.all([
        stores.deliveries.get(d, incidentId),
        stores.mutes.listActive(d, now),
        stores.deliveries.countSentSince(d, since),
      ]);
      return { key, prev, mutes, sent };
    }),
  );
  const previous = new Map(entries.flatMap((e) => (e.prev ? [[e.key, e.prev] as const] : [])));
  return {
    previous,
    mutes: new Map(entries.map((e) => [e.key, e.mutes] as const)),
    recentSent: new Map(entries.map((e) => [e.key, e.sent] as const)),
  };
}
