import { DEFAULT_COMMAND_LIMITS } from '../../src/command/command-deps.js';
import { testGazetteer } from './test-gazetteer.js';
/** In-memory store adapters for unit tests of the command core (same contracts as Redis). */
import type { HeldAlert } from '../../src/domain/held-alert.js';
import type { Incident } from '../../src/domain/incident.js';
import {
  destinationKey,
  type DeliveryRecord,
  type Destination,
  type Mute,
  type Subscription,
} from '../../src/domain/subscription.js';
import type { DeliveryStore } from '../../src/store/delivery-store.js';
import type { FeedHealth, FeedRegistryPort, FeedValidation } from '../../src/command/feed-ports.js';
import type { IncidentQueryPort } from '../../src/store/incident-query-port.js';
import type { MuteStore } from '../../src/store/mute-store.js';
import type { SubscriptionStore } from '../../src/store/subscription-store.js';

export class MemorySubscriptionStore implements SubscriptionStore {
  readonly subs = new Map<string, Subscription>();
  private next = 1;
  private rev = 0;
  async create(input: Omit<Subscription, 'id' | 'createdAt'>, now: Date): Promise<Subscription> {
    const sub = { ...input, id: `s${this.next++}`, createdAt: now.toISOString() };
    this.subs.set(sub.id, sub);
    this.rev += 1;
    return sub;
  }
  async get(id: string) {
    return this.subs.get(id) ?? null;
  }
  async remove(id: string) {
    this.rev += 1;
    return this.subs.delete(id);
  }
  async listByOwner(platform: string, workspaceId: string, ownerId: string) {
    return [...this.subs.values()].filter(
      (s) =>
        s.kind === 'personal' &&
        s.ownerId === ownerId &&
        s.destination.platform === platform &&
        s.destination.workspaceId === workspaceId,
    );
  }
  async listByDestination(d: Destination) {
    return [...this.subs.values()].filter(
      (s) => destinationKey(s.destination) === destinationKey(d),
    );
  }
  async listAll() {
    return [...this.subs.values()];
  }
  async setDisabled(id: string, reason: string | null, now: Date) {
    const s = this.subs.get(id);
    if (!s) return;
    const { disabled: _old, ...rest } = s;
    this.subs.set(id, reason ? { ...rest, disabled: { reason, at: now.toISOString() } } : rest);
    this.rev += 1;
  }
  async revision() {
    return this.rev;
  }
}

export class MemoryMuteStore implements MuteStore {
  readonly mutes: Mute[] = [];
  async add(input: Omit<Mute, 'id' | 'createdAt'>, now: Date) {
    const m = { ...input, id: `m${this.mutes.length + 1}`, createdAt: now.toISOString() };
    this.mutes.push(m);
    return m;
  }
  async listActive(d: Destination, now: Date) {
    return this.mutes.filter(
      (m) =>
        destinationKey(m.destination) === destinationKey(d) && Date.parse(m.until) > now.getTime(),
    );
  }
  async remove(id: string) {
    const i = this.mutes.findIndex((m) => m.id === id);
    if (i >= 0) this.mutes.splice(i, 1);
    return i >= 0;
  }
}

export class MemoryDeliveryStore implements DeliveryStore {
  readonly records = new Map<string, DeliveryRecord>();
  readonly heldAlerts: HeldAlert[] = [];
  async get(d: Destination, incidentId: string) {
    return this.records.get(`${destinationKey(d)}|${incidentId}`) ?? null;
  }
  async put(r: DeliveryRecord) {
    this.records.set(`${destinationKey(r.destination)}|${r.incidentId}`, r);
  }
  async listByIncident(incidentId: string) {
    return [...this.records.values()].filter((r) => r.incidentId === incidentId);
  }
  async countSentSince(d: Destination, since: Date) {
    return [...this.records.values()].filter(
      (r) =>
        destinationKey(r.destination) === destinationKey(d) &&
        r.status === 'sent' &&
        Date.parse(r.at) >= since.getTime(),
    ).length;
  }
  async hold(a: HeldAlert) {
    this.heldAlerts.push(a);
  }
  async dueDigests(now: Date) {
    const due = this.heldAlerts.filter((a) => Date.parse(a.releaseAt) <= now.getTime());
    return [...new Map(due.map((a) => [destinationKey(a.destination), a.destination])).values()];
  }
  async takeHeld(d: Destination, now: Date) {
    const out = this.heldAlerts.filter(
      (a) =>
        destinationKey(a.destination) === destinationKey(d) &&
        Date.parse(a.releaseAt) <= now.getTime(),
    );
    for (const a of out) this.heldAlerts.splice(this.heldAlerts.indexOf(a), 1);
    return out;
  }
  async peekHeld(d: Destination, now: Date) {
    return this.heldAlerts.filter(
      (a) =>
        destinationKey(a.destination) === destinationKey(d) &&
        Date.parse(a.releaseAt) <= now.getTime(),
    );
  }
  async removeHeld(_d: Destination, alerts: readonly HeldAlert[]) {
    for (const a of alerts) {
      const i = this.heldAlerts.indexOf(a);
      if (i >= 0) this.heldAlerts.splice(i, 1);
    }
  }
  readonly locks = new Map<string, string>();
  async lockIncident(d: Destination, incidentId: string, owner: string) {
    const key = `${destinationKey(d)}|${incidentId}`;
    const holder = this.locks.get(key);
    if (holder !== undefined && holder !== owner) return false;
    this.locks.set(key, owner);
    return true;
  }
  async unlockIncident(d: Destination, incidentId: string, owner: string) {
    const key = `${destinationKey(d)}|${incidentId}`;
    if (this.locks.get(key) === owner) this.locks.delete(key);
  }
  readonly attempts = new Map<string, string>();
  async claimAttempt(key: string, note: string) {
    const earlier = this.attempts.get(key);
    if (earlier !== undefined) return earlier;
    this.attempts.set(key, note);
    return null;
  }
  async noteAttempt(key: string, note: string) {
    this.attempts.set(key, note);
  }
}

export class MemoryIncidents implements IncidentQueryPort {
  constructor(readonly incidents: Incident[] = []) {}
  async get(id: string) {
    return this.incidents.find((i) => i.id === id) ?? null;
  }
  async recent(filter: { since?: Date; limit: number }) {
    return this.incidents
      .filter((i) => !filter.since || Date.parse(i.updatedAt) >= filter.since.getTime())
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, filter.limit);
  }
}

export class FakeFeeds implements FeedRegistryPort {
  readonly added: { url: string; name: string }[] = [];
  health: FeedHealth[] = [];
  validation: FeedValidation = { ok: true, title: 'Example Feed', items: 12, url: '' };
  async add(feed: { url: string; name: string }) {
    this.added.push(feed);
    return { id: `feed-${this.added.length}` };
  }
  async remove(id: string) {
    return this.health.some((f) => f.id === id);
  }
  async list() {
    return this.health;
  }
  async validate(url: string): Promise<FeedValidation> {
    return this.validation.ok ? { ...this.validation, url } : this.validation;
  }
}

export const TEST_TOPICS = [
  {
    id: 'militia-attacks',
    title: 'Militia attacks',
    description: 'Attacks on US forces.',
    example: 'Rockets hit base',
  },
  {
    id: 'counter-isis',
    title: 'Counter-ISIS operations',
    description: 'Raids.',
    example: 'Raid kills ISIS leader',
  },
];

/** The command core's ports over in-memory stores (pass stores a test wants to inspect). */
export function memoryCommandDeps(
  incidents: Incident[] = [],
  parts: {
    subscriptions?: MemorySubscriptionStore;
    mutes?: MemoryMuteStore;
    feeds?: FakeFeeds;
  } = {},
) {
  const feeds = parts.feeds ?? new FakeFeeds();
  return {
    incidents: new MemoryIncidents(incidents),
    subscriptions: parts.subscriptions ?? new MemorySubscriptionStore(),
    mutes: parts.mutes ?? new MemoryMuteStore(),
    deliveries: new MemoryDeliveryStore(),
    feedHealth: feeds,
    feedValidator: feeds,
    feedRegistry: feeds,
    topics: TEST_TOPICS,
    gazetteer: testGazetteer(),
    limits: DEFAULT_COMMAND_LIMITS,
  };
}
