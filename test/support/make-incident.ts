/** Builds an Incident for tests from a few invented facts; everything else gets a default. */
import type {
  Actor,
  Casualty,
  EventType,
  Incident,
  IncidentSource,
  Location,
} from '../../src/domain/incident.js';

export interface IncidentSpec {
  id?: string;
  version?: number;
  headline?: string;
  summary?: string;
  topics?: string[];
  type?: EventType | null;
  subType?: string | null;
  actors?: Actor[];
  location?: Partial<Location>;
  casualties?: Casualty[];
  sources?: Partial<IncidentSource>[];
  firstSeen?: string;
  updatedAt?: string;
}

export function casualty(
  side: Casualty['side'],
  killed: number | null,
  injured: number | null,
): Casualty {
  return {
    side,
    killed: { min: killed, max: killed },
    injured: { min: injured, max: injured },
    raw: [],
  };
}

export function makeIncident(spec: IncidentSpec = {}): Incident {
  const at = spec.firstSeen ?? '2026-03-01T10:00:00.000Z';
  const sources = (spec.sources ?? [{}]).map((s, i) => ({
    itemId: s.itemId ?? `item-${i}`,
    outlet: s.outlet ?? `Outlet ${i + 1}`,
    url: s.url ?? `https://news.example/${spec.id ?? 'inc'}/${i}`,
    title: s.title ?? spec.headline ?? 'Untitled report',
    published: s.published ?? at,
    seenAt: s.seenAt ?? at,
    ...(s.duplicateOf ? { duplicateOf: s.duplicateOf } : {}),
    ...(s.lead ? { lead: s.lead } : {}),
  }));
  return {
    id: spec.id ?? 'inc-1',
    version: spec.version ?? 1,
    facts: {
      type: spec.type === undefined ? 'Explosions/Remote violence' : spec.type,
      subType: spec.subType === undefined ? 'Air/drone strike' : spec.subType,
      actors: spec.actors ?? [],
      location: {
        place: null,
        admin1: null,
        country: null,
        precision: 'unknown',
        ...spec.location,
      },
      casualties: spec.casualties ?? [],
      troops: null,
      eventDate: at.slice(0, 10),
      eventDatePrecision: 'day',
    },
    topics: spec.topics ?? [],
    why: 'test incident',
    summary: spec.summary ?? '',
    headline: spec.headline ?? 'Untitled incident',
    sources,
    firstSeen: at,
    updatedAt: spec.updatedAt ?? at,
    timeline: [],
    confidence: 0.9,
  };
}

/**
 * Version `v` of one incident as the clusterer grows it: reported by outlets 1..v, with a
 * timeline entry for each ("new incident: Outlet 1", "new source: Outlet 2", …).
 */
export function reportedBy(v: number, spec: IncidentSpec = {}): Incident {
  const id = spec.id ?? 'inc-1';
  const base = makeIncident({
    ...spec,
    id,
    version: v,
    sources: Array.from({ length: v }, (_, i) => ({
      itemId: `item-${i + 1}`,
      outlet: `Outlet ${i + 1}`,
      url: `https://news.example/${id}/${i + 1}`,
    })),
  });
  const timeline = Array.from({ length: v }, (_, i) => ({
    at: base.firstSeen,
    version: i + 1,
    description: i === 0 ? 'new incident: Outlet 1' : `new source: Outlet ${i + 1}`,
    sourceItemId: `item-${i + 1}`,
  }));
  return { ...base, timeline };
}
