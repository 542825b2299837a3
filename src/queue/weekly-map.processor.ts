/**
 * The weekly map: routes added with --weekly-map get, once a week at the configured day and
 * time, the map and timeline of the past seven days' incidents matching the route, with the
 * five most significant. A repeating tick (any worker may run it) claims each route's week in
 * Redis before posting (SET NX, a short lease while posting, kept for two weeks once posted),
 * so the picture goes out once however many workers tick and however often they restart.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { buildWeeklyMapMessage } from '../alert/weekly-map-message.js';
import { weeklySlot, type WeeklySchedule } from '../alert/weekly-slot.js';
import { mapIncidents, periodText, type MapSource } from '../command/map-command.js';
import type { MapPort } from '../command/map-port.js';
import type { Platform, Subscription } from '../domain/subscription.js';
import type { Config } from '../config/schema.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { Logger } from '../log/logger.js';
import { ChatError } from '../chat/chat-error.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import type { IncidentQueryPort } from '../store/incident-query-port.js';
import type { SubscriptionStore } from '../store/subscription-store.js';

const WEEK_MS = 7 * 86_400_000;
/** How long a claim holds while its map is drawn and posted (a crash frees it after this). */
export const POSTING_LEASE_MS = 10 * 60_000;
/** How long a posted week stays claimed (well past the next slot). */
const POSTED_TTL_MS = 2 * WEEK_MS;

export interface WeeklyMapDeps extends MapSource {
  readonly redis: Redis;
  readonly prefix: string;
  readonly subscriptions: SubscriptionStore;
  readonly platforms: ReadonlyMap<Platform, ChatPlatform>;
  readonly maps: MapPort;
  readonly schedule: WeeklySchedule & { readonly lateByMs: number };
  readonly log: Logger;
}

export function weeklyClaimKey(prefix: string, routeId: string, week: string): string {
  return `${prefix}:weekly-map:${routeId}:${week}`;
}

/** Draws and posts one route's weekly map. */
async function postOne(
  deps: WeeklyMapDeps,
  route: Subscription,
  post: NonNullable<ChatPlatform['postImage']>,
  week: string,
  now: Date,
): Promise<void> {
  const from = new Date(now.getTime() - WEEK_MS);
  const found = await mapIncidents(deps, route.query, from, now);
  if (!('incidents' in found)) throw new Error(`route ${route.id}: its query no longer parses`);
  const period = periodText(from, now);
  const message = buildWeeklyMapMessage(found.incidents, route.query, period);
  const picture = await deps.maps.render({
    incidents: found.incidents,
    from,
    to: now,
    title: `Weekly map: ${route.query}`,
    subtitle: period,
  });
  await post(
    route.destination,
    { png: picture.png, filename: `sitrep-week-${week}.png`, message },
    `weekly-map:${route.id}:${week}`,
  );
}

/** The tick: posts every due weekly map not yet claimed; returns how many it posted. */
export async function postWeeklyMaps(deps: WeeklyMapDeps, now = new Date()): Promise<number> {
  const slot = weeklySlot(now, deps.schedule);
  if (slot.minutesSince * 60_000 > deps.schedule.lateByMs) return 0;
  const routes = (await deps.subscriptions.listAll()).filter(
    (s) => s.kind === 'route' && s.weeklyMap && !s.disabled,
  );
  let posted = 0;
  for (const route of routes) {
    const platform = deps.platforms.get(route.destination.platform);
    if (!platform?.postImage) continue;
    const key = weeklyClaimKey(deps.prefix, route.id, slot.key);
    const claimed = await deps.redis.set(key, 'posting', 'PX', POSTING_LEASE_MS, 'NX');
    if (claimed !== 'OK') continue;
    const log = deps.log.child({ route: route.id, week: slot.key });
    try {
      await postOne(deps, route, platform.postImage.bind(platform), slot.key, now);
      await deps.redis.set(key, 'posted', 'PX', POSTED_TTL_MS);
      posted += 1;
      log.info('weekly map posted');
    } catch (err) {
      if (err instanceof ChatError && err.kind === 'permanent') {
        // The channel is gone or closed to us: do not try again this week.
        await deps.redis.set(key, 'failed', 'PX', POSTED_TTL_MS).catch(() => undefined);
        log.warn({ err }, 'weekly map not posted: the channel cannot receive it');
      } else {
        // Free the week so a later tick tries again (within lateBy).
        await deps.redis.del(key).catch(() => undefined);
        log.warn({ err }, 'weekly map failed; will retry on the next tick');
      }
    }
  }
  return posted;
}

/** The digests queue's job (and scheduler) name for the weekly map tick. */
export const WEEKLY_MAPS = 'weekly-maps';

/** Runs the tick every `every` ms on `queue`, or removes it (no renderer or no chat). */
export async function scheduleWeeklyMaps(queue: Queue, every: number | null): Promise<void> {
  if (every === null) await queue.removeJobScheduler(WEEKLY_MAPS);
  else await queue.upsertJobScheduler(WEEKLY_MAPS, { every }, { name: WEEKLY_MAPS });
}

/** The tick's dependencies from the pipeline's. */
export function weeklyMapDeps(
  deps: {
    readonly config: Readonly<Config>;
    readonly connection: Redis;
    readonly incidents: IncidentQueryPort;
    readonly gazetteer: Gazetteer;
    readonly maps: MapPort;
    readonly log: Logger;
  },
  chat: { readonly subscriptions: SubscriptionStore; readonly platforms: readonly ChatPlatform[] },
): WeeklyMapDeps {
  const w = deps.config.maps.weekly;
  return {
    redis: deps.connection,
    prefix: deps.config.redis.prefix,
    subscriptions: chat.subscriptions,
    incidents: deps.incidents,
    gazetteer: deps.gazetteer,
    platforms: new Map(chat.platforms.map((p) => [p.platform, p] as const)),
    maps: deps.maps,
    schedule: { day: w.day, time: w.time, timeZone: w.timeZone, lateByMs: w.lateBy },
    log: deps.log.child({ job: WEEKLY_MAPS }),
  };
}
