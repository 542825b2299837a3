/**
 * The incident store port: incidents by id, the recent ones in time order filtered by topic,
 * type, place or actor, a bounded text search, and retention. Adapters: store/redis/.
 */
import type { Incident } from '../domain/incident.js';

/** The most incidents `recentRevisions` lists. */
export const RECENT_REVISIONS_MAX = 200;

export interface IncidentQuery {
  readonly topic?: string;
  readonly type?: string;
  /** Place name (any of place, admin1, country), case-insensitive. */
  readonly place?: string;
  /** Actor name, case-insensitive. */
  readonly actor?: string;
  /** Only incidents updated at or after this time. */
  readonly since?: Date;
  /** At most this many (default 20; an adapter may cap it: Redis at its scan limit, 1,000 by default). */
  readonly limit?: number;
}

export type SaveResult =
  /** revision: the incident's save revision after this save (see recentRevisions). */
  | { readonly ok: true; readonly revision: string }
  | { readonly ok: false; readonly reason: 'conflict' };

export interface IncidentStore {
  /**
   * Saves an incident. `expectedVersion` is the version the caller read (null for a new
   * incident); a different stored version means another writer got there first: 'conflict'.
   * `expectedRevision`, when given, is the save revision the caller read: a save that keeps
   * the version (a duplicate report joining) must not overwrite another writer's save either.
   */
  save(
    incident: Incident,
    expectedVersion: number | null,
    expectedRevision?: string,
  ): Promise<SaveResult>;
  get(id: string): Promise<Incident | null>;
  /** Several incidents by id, in order; null where one is gone. */
  getMany(ids: readonly string[]): Promise<(Incident | null)[]>;
  /**
   * Ids of the most recently updated incidents (at most RECENT_REVISIONS_MAX), newest first,
   * each with its save revision: a count that goes up by one on every save ('1' after the
   * first; '' for an incident saved before revisions were kept), so a copy read with the same
   * revision is current and the revision a save will make is known before its answer.
   * Cheap (no incident bodies): clustering re-reads only the incidents whose revision moved.
   */
  recentRevisions(query?: {
    readonly since?: Date;
    readonly limit?: number;
  }): Promise<{ id: string; revision: string }[]>;
  /** Most recently updated first. */
  recent(query?: IncidentQuery): Promise<Incident[]>;
  /** Incidents whose headline, summary, place or actors contain every word of `text`. */
  search(text: string, options?: { since?: Date; limit?: number }): Promise<Incident[]>;
  /** Drops incidents not updated within the retention period; returns how many. */
  prune(now: Date): Promise<number>;
}

/** Does an incident satisfy a query's facets? Adapters use it to check index hits. */
export function matchesQuery(incident: Incident, q: IncidentQuery): boolean {
  const eq = (a: string | null | undefined, b: string) =>
    (a ?? '').toLowerCase() === b.toLowerCase();
  const f = incident.facts;
  if (q.topic && !incident.topics.some((t) => eq(t, q.topic ?? ''))) return false;
  if (q.type && !eq(f.type, q.type) && !eq(f.subType, q.type)) return false;
  if (
    q.place &&
    ![f.location.place, f.location.admin1, f.location.country].some((p) => eq(p, q.place ?? ''))
  ) {
    return false;
  }
  if (q.actor && !f.actors.some((a) => eq(a.name, q.actor ?? ''))) return false;
  if (q.since && Date.parse(incident.updatedAt) < q.since.getTime()) return false;
  return true;
}
