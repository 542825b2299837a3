import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { deliveryStep, type DeliveryStep } from '../alert/delivery-step.js';
import type { Incident } from '../domain/incident.js';
import type { Destination, MessageRef, Platform, Subscription } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import { ChatError } from '../chat/chat-error.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { DestinationPacer } from '../store/destination-pacer.js';
import { postDigest } from './digest.processor.js';
import { postIncident, updateIncident } from './incident-message.js';
import type { DeliveryJob, DigestJob } from './jobs.js';

export interface DeliveryDeps {
  readonly platforms: ReadonlyMap<Platform, ChatPlatform>;
  readonly incidents: IncidentStore;
  readonly deliveries: DeliveryStore;
  readonly subscriptions: SubscriptionStore;
  readonly pacer: DestinationPacer;
  /** How long one delivery may hold its incident's lock: the job lock's duration. */
  readonly lockMs: number;
  readonly log: Logger;
  /** The clock of delivery records (tests set it). */
  readonly now?: () => Date;
  /**
   * Aborted when the worker begins to close: a delivery waiting in process for its pace slot
   * stops waiting and re-delays itself, so a shutdown is not held up by (or posting during)
   * those waits.
   */
  readonly stopping?: AbortSignal;
}

const LOCK_RETRY_MS = 500;

export type DeliveryOutcome = 'posted' | 'edited' | 'already' | 'gone' | 'empty';

function platformFor(deps: DeliveryDeps, d: Destination): ChatPlatform {
  const platform = deps.platforms.get(d.platform);
  if (!platform) throw new UnrecoverableError(`no adapter for platform ${d.platform}`);
  return platform;
}

/**
 * The longest a delivery waits in process for its reserved pace slot; a later slot re-delays
 * the job instead (no attempt used) so one busy channel does not hold the worker for long.
 */
const INLINE_PACE_MS = 2_000;
/** Waits `ms`; false when `signal` was aborted before or during the wait. */
async function waited(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return false;
  if (ms <= 0) return true;
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
    return true;
  } catch (err) {
    if (signal?.aborted) return false;
    throw err;
  }
}

/**
 * Reserves the destination's next pace slot and waits for it in process when it is near, so
 * a burst to one channel goes out in consecutive slots instead of every job retrying for the
 * same one; a slot further out re-delays the job (after `release`, e.g. of the incident lock)
 * without using an attempt.
 */
async function paced(
  deps: DeliveryDeps,
  platform: ChatPlatform,
  job: Job,
  token: string | undefined,
  d: Destination,
  release: () => Promise<void> = async () => undefined,
): Promise<void> {
  if (platform.unpaced) return;
  const slot = await deps.pacer.reserve(d, Math.min(INLINE_PACE_MS, deps.lockMs / 3));
  if (slot.reserved && (await waited(slot.wait, deps.stopping))) return;
  // A slot too far out, or the worker is closing: come back then, without using an attempt.
  // Release first: nothing may await between moveToDelayed and the DelayedError.
  await release();
  await job.moveToDelayed(Date.now() + Math.max(slot.wait, 0), token);
  throw new DelayedError();
}

/** Transient: push the pace slot past Retry-After and rethrow for a retry. Permanent: disable. */
async function chatFailed(
  deps: DeliveryDeps,
  err: unknown,
  failed: {
    destination: Destination;
    incidentId: string;
    version: number;
    subscriptionIds: readonly string[];
  },
): Promise<never> {
  if (!(err instanceof ChatError)) throw err;
  if (err.kind === 'transient') {
    if (err.retryAfterMs !== undefined)
      await deps.pacer.pushBack(failed.destination, Date.now() + err.retryAfterMs);
    throw err;
  }
  await disable(deps, failed, err.reason);
  throw new UnrecoverableError(`delivery failed permanently: ${err.reason}`);
}

/** Posts one digest of held alerts (see digest.processor.ts), paced like a live alert. */
export async function deliverDigest(
  deps: DeliveryDeps,
  job: Job,
  token: string | undefined,
  d: DigestJob,
): Promise<DeliveryOutcome> {
  const platform = platformFor(deps, d.destination);
  await paced(deps, platform, job, token, d.destination);
  try {
    return await postDigest(deps, platform, d, job.id ?? '');
  } catch (err) {
    const first = d.held[0];
    return chatFailed(deps, err, {
      destination: d.destination,
      incidentId: first?.incidentId ?? '',
      version: first?.version ?? 1,
      subscriptionIds: [...new Set(d.held.flatMap((h) => h.subscriptionIds))],
    });
  }
}

/**
 * Delivers one planned message to one destination: waits for the destination's pace slot
 * (re-delaying the job, without using an attempt), posts the incident's message — or, when the
 * destination has one, edits it and announces what changed in its thread — and records the
 * message reference and the version it shows. A transient chat error throws for a retry (the
 * backoff honours Retry-After); a permanent one disables the subscriptions behind this
 * destination and fails the job without retry.
 */
export async function deliverPlanned(
  deps: DeliveryDeps,
  job: Job,
  token: string | undefined,
  planned: DeliveryJob,
): Promise<DeliveryOutcome> {
  const platform = platformFor(deps, planned.destination);
  // One version at a time per incident and destination: a job must see what the jobs of the
  // incident's other versions did here (under this lock) before deciding what to do.
  // The job id owns the lock: a re-run of this job after its worker died takes it again, and
  // it expires with the job's own lock, so no other job waits longer than a stalled one would.
  const owner = job.id ?? '';
  const { destination, incidentId } = planned;
  if (!(await deps.deliveries.lockIncident(destination, incidentId, owner, deps.lockMs))) {
    await job.moveToDelayed(Date.now() + LOCK_RETRY_MS, token);
    throw new DelayedError();
  }
  let unlocked = false;
  const unlock = async () => {
    unlocked = true;
    await deps.deliveries.unlockIncident(destination, incidentId, owner);
  };
  try {
    // What to do follows from the record read under the lock, not from the plan.
    const step = deliveryStep(planned.version, await deps.deliveries.get(destination, incidentId));
    if (step.kind === 'skip') return 'already';
    const incident = await deps.incidents.get(incidentId);
    if (!incident) return 'gone';
    await paced(deps, platform, job, token, destination, unlock);
    try {
      return await deliverStep(deps, platform, planned, step, incident);
    } catch (err) {
      return await chatFailed(deps, err, planned);
    }
  } finally {
    if (!unlocked) await unlock();
  }
}

/** Posts or updates the incident's message and records the version it now shows. */
async function deliverStep(
  deps: DeliveryDeps,
  platform: ChatPlatform,
  planned: DeliveryJob,
  step: Exclude<DeliveryStep, { kind: 'skip' }>,
  incident: Incident,
): Promise<DeliveryOutcome> {
  const { destination } = planned;
  let ref: MessageRef;
  if (step.kind === 'update') {
    ref = step.ref;
    await updateIncident(deps, platform, destination, incident, ref, step.shown);
  } else {
    ref = await postIncident(deps, platform, destination, incident);
  }
  await deps.deliveries.put({
    destination,
    incidentId: incident.id,
    // The version the message shows now: possibly later than the one this job was planned
    // for, so that version's own job finds it done.
    version: incident.version,
    status: 'sent',
    at: (deps.now?.() ?? new Date()).toISOString(),
    messageRef: ref,
    subscriptionIds: planned.subscriptionIds,
  });
  return step.kind === 'update' ? 'edited' : 'posted';
}

/** Tells a disabled route's admin (its creator) by direct message; best effort. */
async function noticeToAdmin(
  deps: DeliveryDeps,
  route: Subscription,
  reason: string,
): Promise<void> {
  const platform = deps.platforms.get(route.destination.platform);
  if (!platform) return;
  const dm: Destination = { ...route.destination, kind: 'dm', id: route.ownerId };
  const text =
    `sitrep stopped posting "${route.query}" (route ${route.id}) into channel ${route.destination.id}: ` +
    `${reason}. Once the bot can post there again, add the route again with /sitrep route.`;
  try {
    await platform.notify(dm, text);
  } catch (err) {
    deps.log.warn({ err, routeId: route.id }, 'could not tell the route admin it was disabled');
  }
}

async function disable(
  deps: DeliveryDeps,
  d: Parameters<typeof chatFailed>[2],
  reason: string,
): Promise<void> {
  const now = deps.now?.() ?? new Date();
  for (const id of d.subscriptionIds) {
    const sub = await deps.subscriptions.get(id);
    if (!sub || sub.disabled) continue;
    await deps.subscriptions.setDisabled(id, reason, now);
    if (sub.kind === 'route' && sub.destination.kind === 'channel')
      await noticeToAdmin(deps, sub, reason);
  }
  await deps.deliveries.put({
    destination: d.destination,
    incidentId: d.incidentId,
    version: d.version,
    status: 'failed',
    at: now.toISOString(),
    reason,
    subscriptionIds: d.subscriptionIds,
  });
  deps.log.warn(
    { destination: d.destination, subscriptionIds: d.subscriptionIds, reason },
    'delivery failed permanently: route/subscription disabled',
  );
}
