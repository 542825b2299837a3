/**
 * The alert side of the pipeline as the delivery worker will run it, without BullMQ: index →
 * plan → deliver to a recording fake platform → record. For end-to-end tests of the core.
 */
import {
  buildAlertMessage,
  changesBetween,
  type AlertMessage,
} from '../../src/alert/alert-message.js';
import { DEFAULT_ALERT_SETTINGS } from '../../src/alert/alert-settings.js';
import { planDeliveries, type DeliveryPlan } from '../../src/alert/delivery-plan.js';
import { deliveryStep } from '../../src/alert/delivery-step.js';
import { buildDigest, type DigestMessage } from '../../src/alert/digest-message.js';
import type { Incident } from '../../src/domain/incident.js';
import type { Destination, MessageRef, Subscription } from '../../src/domain/subscription.js';
import type { Gazetteer } from '../../src/gazetteer/gazetteer.js';
import type { DeliveryStore } from '../../src/store/delivery-store.js';
import { loadPlanState } from '../../src/queue/load-plan-state.js';
import type { MuteStore } from '../../src/store/mute-store.js';
import type { SubscriptionStore } from '../../src/store/subscription-store.js';
import { incidentFeatures } from '../../src/subscription/incident-features.js';
import { parseQuery } from '../../src/subscription/query-parser.js';
import type { Query } from '../../src/subscription/query.js';
import { SubscriptionIndex } from '../../src/subscription/subscription-index.js';

export type SentMessage =
  | {
      kind: 'post';
      destination: Destination;
      ref: MessageRef;
      message: AlertMessage;
      jobId: string;
    }
  | {
      kind: 'edit';
      destination: Destination;
      ref: MessageRef;
      message: AlertMessage;
      jobId: string;
    }
  | { kind: 'thread'; destination: Destination; ref: MessageRef; text: string; jobId: string }
  | { kind: 'digest'; destination: Destination; digest: DigestMessage };

interface Stores {
  subscriptions: SubscriptionStore;
  mutes: MuteStore;
  deliveries: DeliveryStore;
}

export class RecordingPipeline {
  readonly sent: SentMessage[] = [];
  private index = new SubscriptionIndex<{ id: string; query: Query; sub: Subscription }>();
  private revision = -1;
  private seq = 0;
  private readonly jobs = new Set<string>();

  constructor(
    private readonly stores: Stores,
    private readonly gazetteer: Gazetteer,
    private readonly incidents: Map<string, Incident>,
  ) {}

  private async refreshIndex(): Promise<void> {
    const rev = await this.stores.subscriptions.revision();
    if (rev === this.revision) return;
    this.index = new SubscriptionIndex();
    for (const sub of await this.stores.subscriptions.listAll()) {
      const p = parseQuery(sub.query, { gazetteer: this.gazetteer });
      if (p.ok) this.index.add({ id: sub.id, query: p.query, sub });
    }
    this.revision = rev;
  }

  /** A new incident or an update arrives. */
  async alert(incident: Incident, now: Date): Promise<void> {
    this.incidents.set(incident.id, incident);
    await this.refreshIndex();
    const matched = this.index.match(incidentFeatures(incident, this.gazetteer)).map((m) => m.sub);
    const settings = DEFAULT_ALERT_SETTINGS;
    const state = await loadPlanState(this.stores, incident.id, matched, now, settings);
    const plan = planDeliveries({ incident, matched, ...state, now, settings });
    for (const d of plan.deliveries) await this.deliver(d, incident, now);
    for (const h of plan.held) {
      await this.stores.deliveries.hold(h);
      await this.stores.deliveries.put({
        ...h,
        status: 'held',
        at: now.toISOString(),
        reason: h.reason,
      });
    }
  }

  private async deliver(d: DeliveryPlan, incident: Incident, now: Date): Promise<void> {
    if (this.jobs.has(d.jobId)) return; // BullMQ drops a job whose id exists
    this.jobs.add(d.jobId);
    const record = await this.stores.deliveries.get(d.destination, d.incidentId);
    const step = deliveryStep(d.version, record);
    if (step.kind === 'skip') return;
    let ref: MessageRef;
    if (step.kind === 'update') {
      ref = step.ref;
      const message = buildAlertMessage(incident, { previousVersion: step.shown });
      this.sent.push({ kind: 'edit', destination: d.destination, ref, message, jobId: d.jobId });
      const text = changesBetween(incident, step.shown) ?? 'Updated.';
      this.sent.push({ kind: 'thread', destination: d.destination, ref, text, jobId: d.jobId });
    } else {
      ref = { channelId: d.destination.id, messageId: `msg-${++this.seq}` };
      const message = buildAlertMessage(incident);
      this.sent.push({ kind: 'post', destination: d.destination, ref, message, jobId: d.jobId });
    }
    await this.stores.deliveries.put({
      destination: d.destination,
      incidentId: d.incidentId,
      version: incident.version,
      status: 'sent',
      at: now.toISOString(),
      messageRef: ref,
      subscriptionIds: d.subscriptionIds,
    });
  }

  /** The digest scheduler's tick: releases every destination whose held alerts are due. */
  async releaseDigests(now: Date): Promise<void> {
    for (const destination of await this.stores.deliveries.dueDigests(now)) {
      const held = await this.stores.deliveries.takeHeld(destination, now);
      const digest = buildDigest(held, this.incidents);
      if (!digest) continue;
      this.sent.push({ kind: 'digest', destination, digest });
      for (const c of digest.covers) {
        await this.stores.deliveries.put({
          destination,
          incidentId: c.incidentId,
          version: c.version,
          status: 'sent',
          at: now.toISOString(),
          subscriptionIds: held.flatMap((h) => h.subscriptionIds),
        });
      }
    }
  }
}
