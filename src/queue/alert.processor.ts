import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AlertSettings } from '../alert/alert-settings.js';
import { planDeliveries, type DeliveryPlan } from '../alert/delivery-plan.js';
import type { Incident } from '../domain/incident.js';
import { destinationKey, type Platform } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import { loadPlanState, type PlanState } from '../store/load-plan-state.js';
import type { MuteStore } from '../store/mute-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { AlertSink } from './alert-sink.js';
import type { AlertJob, DeliveryJob } from './jobs.js';
import type { PipelineMetrics } from './metrics.js';
import type { SubscriptionMatcher } from './subscription-matcher.js';

/** Routing to chat destinations; absent when no chat platform is configured. */
export interface RoutingDeps {
  readonly matcher: SubscriptionMatcher;
  readonly stores: {
    readonly subscriptions: SubscriptionStore;
    readonly mutes: MuteStore;
    readonly deliveries: DeliveryStore;
  };
  /** Platforms with an adapter: subscriptions on others are left alone. */
  readonly platforms: ReadonlySet<Platform>;
  readonly deliveryQueue: Queue<DeliveryJob>;
  readonly settings: AlertSettings;
  readonly log: Logger;
}

export interface AlertDeps {
  readonly incidents: IncidentStore;
  readonly sink: AlertSink;
  readonly redis: Redis;
  readonly prefix: string;
  readonly metrics: PipelineMetrics;
  readonly routing?: RoutingDeps;
}

export type AlertOutcome = 'delivered' | 'already' | 'gone' | 'routed';

/**
 * Handles one alert (incident + version). With a chat platform configured it plans the
 * deliveries (routes + matching subscriptions) and enqueues one `deliveries` job per
 * destination under the planner's idempotent job id; otherwise it writes to the console sink.
 */
export async function deliverAlert(deps: AlertDeps, job: AlertJob): Promise<AlertOutcome> {
  if (deps.routing) return routeAlert(deps, deps.routing, job);
  return deliverToSink(deps, job);
}

/**
 * The console fallback. A delivery record keyed by (incident, version) makes a retried or
 * re-enqueued job deliver nothing twice; a sink failure throws so BullMQ retries it.
 */
async function deliverToSink(deps: AlertDeps, job: AlertJob): Promise<AlertOutcome> {
  const record = `${deps.prefix}:delivered:${job.incidentId}:v${job.version}`;
  if ((await deps.redis.exists(record)) === 1) return 'already';
  const incident = await deps.incidents.get(job.incidentId);
  if (!incident) return 'gone';
  await deps.sink.deliver({ kind: job.kind, incident, changes: job.changes });
  await deps.redis.set(record, new Date().toISOString(), 'EX', 30 * 86_400);
  deps.metrics.alerts.inc({ kind: job.kind });
  return 'delivered';
}

function toJob(d: DeliveryPlan): DeliveryJob {
  return {
    destination: { ...d.destination },
    incidentId: d.incidentId,
    version: d.version,
    mode: d.mode,
    ...(d.previousRef ? { previousRef: { ...d.previousRef } } : {}),
    subscriptionIds: [...d.subscriptionIds],
  };
}

async function routeAlert(deps: AlertDeps, r: RoutingDeps, job: AlertJob): Promise<AlertOutcome> {
  // Plan against the stored incident: a later version supersedes this job's.
  const incident = await deps.incidents.get(job.incidentId);
  if (!incident) return 'gone';
  const matched = (await r.matcher.match(incident)).filter((s) =>
    r.platforms.has(s.destination.platform),
  );
  const now = new Date();
  const state = await loadPlanState(r.stores, incident.id, matched, now, r.settings);
  const plan = planDeliveries({ incident, matched, ...state, now, settings: r.settings });
  if (plan.deliveries.length > 0) {
    await r.deliveryQueue.addBulk(
      plan.deliveries.map((d) => ({ name: 'deliver', data: toJob(d), opts: { jobId: d.jobId } })),
    );
  }
  await holdForDigest(r, incident, plan.held, state, now);
  r.log.info(
    {
      incidentId: incident.id,
      version: incident.version,
      deliveries: plan.deliveries.length,
      held: plan.held.length,
      skipped: plan.skipped.length,
    },
    'alert routed',
  );
  deps.metrics.alerts.inc({ kind: job.kind });
  return 'routed';
}

async function holdForDigest(
  r: RoutingDeps,
  incident: Incident,
  held: ReturnType<typeof planDeliveries>['held'],
  state: PlanState,
  now: Date,
): Promise<void> {
  for (const h of held) {
    const ref = state.previous.get(destinationKey(h.destination))?.messageRef;
    await r.stores.deliveries.hold(h);
    await r.stores.deliveries.put({
      destination: h.destination,
      incidentId: incident.id,
      version: h.version,
      status: 'held',
      at: now.toISOString(),
      reason: h.reason,
      subscriptionIds: h.subscriptionIds,
      ...(ref ? { messageRef: ref } : {}),
    });
  }
}
