/**
 * Delivery planning: which destinations get an incident version, now or in a digest.
 *
 * The delivery worker (src/queue/) calls, for each new incident or update:
 *
 *   const matched = index.match(incidentFeatures(incident, gazetteer));   // src/subscription
 *   const state = await loadPlanState(stores, matched, now);               // previous records,
 *   const plan = planDeliveries({ incident, matched, ...state, now });     // mutes, burst counts
 *   for (const d of plan.deliveries) queue.add('deliver', d, { jobId: d.jobId });
 *   for (const h of plan.held) await deliveries.hold(h);
 *
 * then, when a job runs: post (or edit the recorded message and reply in its thread), and
 * `deliveries.put({... status: 'sent', messageRef })`. Rules, in order, per destination:
 * disabled subscriptions are ignored; a destination that already has this version is skipped;
 * a mute of the incident or one of its topics skips it; several matching subscriptions of one
 * destination (one person's DMs) yield one delivery; the most immediate mode wins (live, then
 * hourly, then daily); quiet hours hold a live alert until they end unless the killed count
 * reaches the subscription's `urgentKilled`; a channel over the burst threshold gets the rest in
 * a digest at the end of the window.
 */
import type { HeldAlert, HoldReason } from '../domain/held-alert.js';
import type { Incident } from '../domain/incident.js';
import {
  destinationKey,
  type DeliveryRecord,
  type Destination,
  type MessageRef,
  type Mute,
  type Subscription,
} from '../domain/subscription.js';
import type { AlertSettings } from './alert-settings.js';
import { deliveryJobId } from './delivery-job-id.js';
import { isQuiet, quietEnd } from './quiet-hours.js';

export interface DeliveryPlan {
  readonly destination: Destination;
  readonly incidentId: string;
  readonly version: number;
  readonly jobId: string;
  /**
   * post: a new message; edit+thread: edit `previousRef` and reply in its thread. What the
   * planner saw: the delivery job decides again under its lock from the record it reads there
   * (delivery-step.ts), since jobs for other versions of the incident may have run meanwhile.
   */
  readonly mode: 'post' | 'edit+thread';
  readonly previousRef?: MessageRef;
  readonly subscriptionIds: readonly string[];
}

export interface SkippedDelivery {
  readonly destination: Destination;
  readonly reason: 'muted' | 'already-delivered';
  readonly subscriptionIds: readonly string[];
}

export interface PlanInput {
  readonly incident: Incident;
  /** Subscriptions whose query matched (from the index); disabled ones are ignored here. */
  readonly matched: readonly Subscription[];
  /** Delivery record per destination key (destinationKey), if any. */
  readonly previous: ReadonlyMap<string, DeliveryRecord>;
  /** Active mutes per destination key. */
  readonly mutes: ReadonlyMap<string, readonly Mute[]>;
  /** Live alerts sent per destination key within the burst window. */
  readonly recentSent: ReadonlyMap<string, number>;
  readonly now: Date;
  readonly settings: AlertSettings;
}

export interface PlanResult {
  readonly deliveries: readonly DeliveryPlan[];
  readonly held: readonly HeldAlert[];
  readonly skipped: readonly SkippedDelivery[];
}

/** Killed over all sides, the conservative figure. */
export function killedCount(incident: Incident): number {
  return incident.facts.casualties.reduce((n, c) => n + (c.killed.min ?? c.killed.max ?? 0), 0);
}

export function isMuted(incident: Incident, mutes: readonly Mute[], now: Date): boolean {
  return mutes.some(
    (m) =>
      Date.parse(m.until) > now.getTime() &&
      (m.target.kind === 'incident'
        ? m.target.incidentId === incident.id
        : incident.topics.includes(m.target.topic)),
  );
}

function nextHour(now: Date): Date {
  const d = new Date(now);
  d.setUTCMinutes(0, 0, 0);
  d.setUTCHours(d.getUTCHours() + 1);
  return d;
}

function nextDaily(now: Date, hourUtc: number): Date {
  const d = new Date(now);
  d.setUTCHours(hourUtc, 0, 0, 0);
  if (d.getTime() <= now.getTime()) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

interface Timing {
  readonly release?: Date;
  readonly reason?: HoldReason;
}

/** When one subscription wants this alert: now (no release) or held until `release`. */
function subscriptionTiming(sub: Subscription, input: PlanInput): Timing {
  const { now, settings } = input;
  if (sub.mode === 'hourly') return { release: nextHour(now), reason: 'hourly' };
  if (sub.mode === 'daily')
    return { release: nextDaily(now, settings.dailyHourUtc), reason: 'daily' };
  const q = sub.quietHours;
  if (q && isQuiet(q, now)) {
    const urgent = q.urgentKilled !== undefined && killedCount(input.incident) >= q.urgentKilled;
    if (!urgent) return { release: quietEnd(q, now), reason: 'quiet-hours' };
  }
  return {};
}

/** The most immediate timing among a destination's subscriptions. */
function destinationTiming(subs: readonly Subscription[], input: PlanInput): Timing {
  let best: Timing | undefined;
  for (const sub of subs) {
    const t = subscriptionTiming(sub, input);
    if (!t.release) return t;
    if (!best?.release || t.release < best.release) best = t;
  }
  return best ?? {};
}

function groupByDestination(subs: readonly Subscription[]): Map<string, Subscription[]> {
  const groups = new Map<string, Subscription[]>();
  for (const sub of subs) {
    if (sub.disabled) continue;
    const key = destinationKey(sub.destination);
    const list = groups.get(key);
    if (list) list.push(sub);
    else groups.set(key, [sub]);
  }
  return groups;
}

function planOne(key: string, subs: Subscription[], input: PlanInput, out: PlanAccumulator): void {
  const { incident, now, settings } = input;
  const destination = (subs[0] as Subscription).destination;
  const subscriptionIds = subs.map((s) => s.id);
  const prev = input.previous.get(key);
  if (prev && prev.version >= incident.version && prev.status !== 'failed') {
    out.skipped.push({ destination, reason: 'already-delivered', subscriptionIds });
    return;
  }
  if (isMuted(incident, input.mutes.get(key) ?? [], now)) {
    out.skipped.push({ destination, reason: 'muted', subscriptionIds });
    return;
  }
  let timing = destinationTiming(subs, input);
  const burst = (input.recentSent.get(key) ?? 0) >= settings.burstThreshold;
  if (!timing.release && burst && destination.kind === 'channel') {
    timing = { release: new Date(now.getTime() + settings.burstWindowMs), reason: 'burst' };
  }
  const base = { destination, incidentId: incident.id, version: incident.version, subscriptionIds };
  if (timing.release && timing.reason) {
    out.held.push({
      ...base,
      reason: timing.reason,
      heldAt: now.toISOString(),
      releaseAt: timing.release.toISOString(),
    });
    return;
  }
  const ref = prev?.messageRef;
  out.deliveries.push({
    ...base,
    jobId: deliveryJobId(destination, incident.id, incident.version),
    mode: ref ? 'edit+thread' : 'post',
    ...(ref ? { previousRef: ref } : {}),
  });
}

interface PlanAccumulator {
  deliveries: DeliveryPlan[];
  held: HeldAlert[];
  skipped: SkippedDelivery[];
}

/** Plans the deliveries of one incident version. Pure: all state comes in through `input`. */
export function planDeliveries(input: PlanInput): PlanResult {
  const out: PlanAccumulator = { deliveries: [], held: [], skipped: [] };
  for (const [key, subs] of groupByDestination(input.matched)) planOne(key, subs, input, out);
  return out;
}
