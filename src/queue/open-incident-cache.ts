/**
 * Remembers the clustering features of recent incidents between items. Rebuilding them
 * (`openIncidentFrom`) re-extracts every source report, and the item worker did it for up to
 * 200 recent incidents per on-topic item: tens of milliseconds per item once a few hundred
 * incidents are open. An incident's features change only when its version or its source list
 * does, so that is the key; the stored incident itself is always the fresh one.
 */
import type { Incident } from '../domain/incident.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { openIncidentFrom, type OpenIncident } from '../incident/cluster-state.js';

export class OpenIncidentCache {
  private readonly entries = new Map<string, OpenIncident>();

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly maxEntries = 5000,
  ) {}

  get(incident: Incident): OpenIncident {
    const key = `${incident.id}|${incident.version}|${incident.sources.length}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // most recently used last
      this.entries.set(key, hit);
      return { ...hit, incident };
    }
    const open = openIncidentFrom(incident, this.gazetteer);
    this.entries.set(key, open);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return open;
  }
}
