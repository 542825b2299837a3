/**
 * Keeps the open incidents clustering compares a report with, between items (one per worker).
 * Each item used to read up to 200 recent incidents from Redis (~1 KB each) and rebuild their
 * features (`openIncidentFrom` re-extracts every source report). Now it reads only their ids
 * and save revisions (IncidentStore.recentRevisions: one small reply) and re-reads, and
 * rebuilds, just the incidents whose revision moved since this worker last saw them — saved by
 * this worker or another. A stale copy cannot slip through: the revision moves on every save,
 * and the versioned save refuses a write based on an old version anyway.
 */
import type { Incident } from '../domain/incident.js';
import {
  openIncidentAfter,
  openIncidentFrom,
  type OpenIncident,
  type SourceFeatureMemo,
} from '../incident/cluster/cluster-state.js';
import type { ReportFeatures } from '../incident/cluster/report-features.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';

export interface IncidentRevision {
  readonly id: string;
  readonly revision: string;
}

export class OpenIncidentCache {
  /** Incident id → its features (with the incident) and the revision they were built for. */
  private readonly entries = new Map<string, { revision: string; open: OpenIncident }>();
  /**
   * Each source report's features (extraction is most of an incident's rebuild): a save adds
   * one source, so the rebuild after it extracts that one, not all of them again.
   */
  private readonly sourceFeatures = new Map<string, ReportFeatures>();
  private readonly memo: SourceFeatureMemo = {
    get: (key) => this.sourceFeatures.get(key),
    set: (key, features) => {
      this.sourceFeatures.set(key, features);
      if (this.sourceFeatures.size > this.maxEntries * 4) {
        const oldest = this.sourceFeatures.keys().next().value;
        if (oldest !== undefined) this.sourceFeatures.delete(oldest);
      }
    },
  };

  constructor(
    private readonly vocabulary: ExtractionVocabulary,
    private readonly maxEntries = 5000,
  ) {}

  /**
   * The open incidents listed (same order), loading those not held at their revision. An id
   * whose incident is gone is left out. An empty revision (an incident saved before revisions
   * were kept) is never trusted: it is re-read every time.
   */
  async current(
    listed: readonly IncidentRevision[],
    load: (ids: readonly string[]) => Promise<(Incident | null)[]>,
  ): Promise<OpenIncident[]> {
    const stale = listed.filter((r) => r.revision === '' || !this.fresh(r));
    const loaded = await load(stale.map((r) => r.id));
    stale.forEach((r, i) => {
      const incident = loaded[i];
      if (incident) this.put(incident, r.revision);
      else this.entries.delete(r.id);
    });
    const out: OpenIncident[] = [];
    for (const r of listed) {
      const hit = this.entries.get(r.id);
      if (hit) out.push(hit.open);
    }
    return out;
  }

  /**
   * Remembers an incident this worker saves, at the revision its save makes (taken before the
   * save is answered: see `revised` and `forget`). When it was made from the copy held here by
   * adding reports, only those are read (openIncidentAfter).
   */
  saved(incident: Incident, revision: string): void {
    const held = this.entries.get(incident.id)?.open;
    const open = held ? openIncidentAfter(held, incident, this.vocabulary, this.memo) : null;
    this.put(incident, revision, open ?? undefined);
  }

  /**
   * The save taken at `expected` (see `saved`) made revision `actual`: the copy is kept at that
   * revision, unless a later save of this worker has replaced it meanwhile.
   */
  revised(id: string, expected: string, actual: string): void {
    const hit = this.entries.get(id);
    if (hit && hit.revision === expected && expected !== actual) hit.revision = actual;
  }

  /** Drops an incident's copy (a save of it was refused or lost): the next read loads it. */
  forget(id: string): void {
    this.entries.delete(id);
  }

  private fresh(r: IncidentRevision): boolean {
    return this.entries.get(r.id)?.revision === r.revision;
  }

  private put(incident: Incident, revision: string, open?: OpenIncident): void {
    this.entries.delete(incident.id); // most recently used last; one entry per incident
    this.entries.set(incident.id, {
      revision,
      open: open ?? openIncidentFrom(incident, this.vocabulary, this.memo),
    });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
