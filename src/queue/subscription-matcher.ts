/**
 * The subscriptions and routes that match an incident, through the in-memory index
 * (src/subscription). The index is rebuilt when the store's revision moves, so a `subscribe`,
 * `unroute` or a disabled route takes effect on the next alert.
 */
import type { Incident } from '../domain/incident.js';
import type { Subscription } from '../domain/subscription.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { SubscriptionStore } from '../store/subscription-store.js';
import { incidentFeatures } from '../subscription/incident-features.js';
import { parseQuery } from '../subscription/query-parser.js';
import type { Query } from '../subscription/query.js';
import { SubscriptionIndex } from '../subscription/subscription-index.js';

interface Entry {
  readonly id: string;
  readonly query: Query;
  readonly sub: Subscription;
}

export class SubscriptionMatcher {
  private index = new SubscriptionIndex<Entry>();
  private revision = -1;
  private count = 0;

  constructor(
    private readonly store: SubscriptionStore,
    private readonly gazetteer: Gazetteer,
  ) {}

  /** How many subscriptions the index holds (after the last refresh). */
  get size(): number {
    return this.count;
  }

  async refresh(): Promise<void> {
    const rev = await this.store.revision();
    if (rev === this.revision) return;
    const index = new SubscriptionIndex<Entry>();
    let count = 0;
    for (const sub of await this.store.listAll()) {
      const p = parseQuery(sub.query, { gazetteer: this.gazetteer });
      if (!p.ok) continue;
      index.add({ id: sub.id, query: p.query, sub });
      count += 1;
    }
    this.index = index;
    this.count = count;
    this.revision = rev;
  }

  async match(incident: Incident): Promise<Subscription[]> {
    await this.refresh();
    return this.index.match(incidentFeatures(incident, this.gazetteer)).map((m) => m.sub);
  }
}
