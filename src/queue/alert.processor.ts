import type { Queue } from 'bullmq';
import type { AlertSettings } from '../alert/alert-settings.js';
import { planDeliveries, type DeliveryPlan } from '../alert/delivery-plan.js';
import type { Incident } from '../domain/incident.js';
import { destinationKey, type Platform, type Subscription } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import type { MuteStore } from '../store/mute-store.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import type { AlertJob, DeliveryJob } from './jobs.js';
import { loadPlanState, type PlanState } from './load-plan-state.js';
import type { PipelineMetrics } from './metrics.js';
import type { SubscriptionMatcher } from './subscription-matcher.js';

export interface AlertDeps {
  readonly incidents: IncidentStore;
  readonly matcher: SubscriptionMatcher;
  readonly stores: {
    readonly subscriptions: SubscriptionStore;
    readonly mutes: MuteStore;
    readonly deliveries: DeliveryStore;
  };
  /**
   * Subscriptions that come with a platform adapter rather than from the store (the console's
   * "every alert to this terminal"); planned like any other.
   */
  readonly standing: readonly Subscription[];
  /** Platforms with an adapter: subscriptions on others are left alone. */
  readonly platforms: ReadonlySet<Platform>;
  readonly deliveryQueue: Queue<DeliveryJob>;
  readonly settings: AlertSettings;
  readonly metrics: PipelineMetrics;
  readonly log: Logger;
  readonly now?: () => Date;
}

export type AlertOutcome = 'gone' | 'routed';

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

/**
 * Handles one alert (incident + version), whatever the platforms: plans the deliveries (the
 * standing subscriptions, routes and matching subscriptions) and enqueues one `deliveries` job
 * per destination under the planner's idempotent job id, or holds it for a digest. Whether a
 * destination already shows this version is decided once, by the delivery job under its lock.
 */
export async function routeAlert(deps: AlertDeps, job: AlertJob): Promise<AlertOutcome> {
  // Plan against the stored incident: a later version supersedes this job's.
  const incident = await deps.incidents.get(job.incidentId);
  if (!incident) return 'gone';
  const matched = [...deps.standing, ...(await deps.matcher.match(incident))].filter((s) =>
    deps.platforms.has(s.destination.platform),
  );
  const now = deps.now?.() ?? new Date();
  const state = await loadPlanState(deps.stores, incident.id, matched, now, deps.settings);
  const plan = planDeliveries({ incident, matched, ...state, now, settings: deps.settings });
  if (plan.deliveries.length > 0) {
    await deps.deliveryQueue.addBulk(
      plan.deliveries.map((d) => ({ name: 'deliver', data: toJob(d), opts: { jobId: d.jobId } })),
    );
  }
  await holdForDigest(deps, incident, plan.held, state, now);
  deps.log.info(
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
  deps: AlertDeps,
  incident: Incident,
  held: ReturnType<typeof planDeliveries>['held'],
  state: PlanState,
  now: Date,
): Promise<void> {
  for (const h of held) {
    const ref = state.previous.get(destinationKey(h.destination))?.messageRef;
    await deps.stores.deliveries.hold(h);
    await deps.stores.deliveries.put({
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
