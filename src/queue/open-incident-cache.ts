/**
 * Remembers the clustering features of recent incidents between items. Rebuilding them
 * (`openIncidentFrom`) re-extracts every source report, and the item worker did it for up to
 * 200 recent incidents per on-topic item: tens of milliseconds per item once a few hundred
 * incidents are open. An incident's features change only when its version or its source list
 * does, so those are checked (one entry per incident); the incident returned is the fresh one.
 */
import type { Incident } from '../domain/incident.js';
import { openIncidentFrom, type OpenIncident } from '../incident/cluster/cluster-state.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';

export class OpenIncidentCache {
  /** Incident id → its features and the (version, source count) they were built for. */
  private readonly entries = new Map<string, { stamp: string; open: OpenIncident }>();

  constructor(
    private readonly vocabulary: ExtractionVocabulary,
    private readonly maxEntries = 5000,
  ) {}

  get(incident: Incident): OpenIncident {
    const stamp = `${incident.version}|${incident.sources.length}`;
    const hit = this.entries.get(incident.id);
    this.entries.delete(incident.id); // most recently used last; one entry per incident
    if (hit && hit.stamp === stamp) {
      this.entries.set(incident.id, hit);
      return { ...hit.open, incident };
    }
    const open = openIncidentFrom(incident, this.vocabulary);
    this.entries.set(incident.id, { stamp, open });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return open;
  }
}
