import type { Incident } from '../domain/incident.js';

export interface IncidentFilter {
  /** Only incidents updated at or after this time. */
  readonly since?: Date;
  readonly limit: number;
}

/**
 * What the command core reads of incidents. A minimal port of its own: the incident store
 * (src/store/incident-store.ts, branch `incident`) can implement it directly.
 */
export interface IncidentQueryPort {
  get(id: string): Promise<Incident | null>;
  /** Newest first (by updatedAt). */
  recent(filter: IncidentFilter): Promise<Incident[]>;
}
