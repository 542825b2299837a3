/**
 * The clusterer's state: the open incidents with the features reports are compared against.
 * It is a plain immutable value: passed in, returned updated. A store-backed pipeline rebuilds
 * it from recent incidents with `openIncidentFrom` (the sources keep their title and lead).
 */
import type { Incident, IncidentSource } from '../../domain/incident.js';
import type { IncidentFeatures } from './incident-features.js';
import { reportUrlKey } from '../../domain/canonical-url.js';
import { extractReport } from '../extract/extract-facts.js';
import { reportFeatures, type ReportFeatures } from './report-features.js';
import { addInto, normalise, type TermVector } from './text-similarity.js';
import type { ExtractionVocabulary } from '../extract/vocabulary.js';

export interface OpenIncident {
  readonly incident: Incident;
  readonly features: IncidentFeatures;
  /** Unnormalised sum of the reports' vectors (the centroid before normalising). */
  readonly vectorSum: TermVector;
  /** Same, for the titles. */
  readonly titleSum: TermVector;
}

export interface ClusterState {
  /** Open incidents, most recently updated last. */
  readonly open: readonly OpenIncident[];
}

export const EMPTY_CLUSTER_STATE: ClusterState = { open: [] };

/** Features of an incident after adding one report (or of a new incident when `prev` is null). */
export function withReport(
  prev: OpenIncident | null,
  incident: Incident,
  r: ReportFeatures,
  url: string,
): OpenIncident {
  const sum = new Map(prev?.vectorSum ?? []);
  const titleSum = new Map(prev?.titleSum ?? []);
  addInto(titleSum, r.titleVector);
  const t = [r.eventDay, r.published].filter((x): x is number => x !== null);
  const old = prev?.features.span;
  const span: readonly [number, number] | null =
    t.length === 0
      ? (old ?? null)
      : [Math.min(old?.[0] ?? Infinity, ...t), Math.max(old?.[1] ?? -Infinity, ...t)];
  addInto(sum, r.vector);
  const p = prev?.features;
  const features: IncidentFeatures = {
    vector: normalise(new Map(sum)),
    titleVector: normalise(new Map(titleSum)),
    names: new Set([...(p?.names ?? []), ...r.names]),
    figures: new Set([...(p?.figures ?? []), ...r.figures]),
    shingleSets: [...(p?.shingleSets ?? []), r.shingles],
    urls: new Set([...(p?.urls ?? []), ...(url ? [url] : [])]),
    entities: new Set([...(p?.entities ?? []), ...r.entities]),
    countries: new Set([...(p?.countries ?? []), ...r.countries]),
    eventDays: r.eventDay === null ? (p?.eventDays ?? []) : [...(p?.eventDays ?? []), r.eventDay],
    eventWeeks:
      r.eventWeek === null ? (p?.eventWeeks ?? []) : [...(p?.eventWeeks ?? []), r.eventWeek],
    times: r.published === null ? (p?.times ?? []) : [...(p?.times ?? []), r.published],
    span,
    approxTimes: r.approx === null ? (p?.approxTimes ?? []) : [...(p?.approxTimes ?? []), r.approx],
    ...factFeatures(incident),
  };
  return { incident, features, vectorSum: sum, titleSum };
}

/** The features read from the incident's merged facts (the latest incident's, not a report's). */
function factFeatures(incident: Incident) {
  const f = incident.facts;
  return {
    type: f.type,
    subType: f.subType,
    casualties: f.casualties,
    locationId: f.location.id,
    locationAdmin1: f.location.admin1,
    locationCountry: f.location.country,
    locationPrecision: f.location.precision,
  } satisfies Partial<IncidentFeatures>;
}

/** Rebuilds an open incident from a stored one (re-extracting each source's title and lead). */
/**
 * Remembers a source report's features by exactly what they are computed from (title, lead,
 * publication time), so rebuilding an incident after a save extracts only its new sources.
 */
export interface SourceFeatureMemo {
  get(key: string): ReportFeatures | undefined;
  set(key: string, features: ReportFeatures): void;
}

export function openIncidentFrom(
  incident: Incident,
  vocabulary: ExtractionVocabulary,
  memo?: SourceFeatureMemo,
): OpenIncident {
  let open: OpenIncident | null = null;
  for (const s of incident.sources) {
    if (s.duplicateOf) continue;
    open = withReport(open, incident, sourceFeatures(s, vocabulary, memo), reportUrlKey(s.url));
  }
  return open ?? withReport(null, incident, emptyFeatures(incident), '');
}

/**
 * What `openIncidentFrom(incident)` gives, built on `prev`, the open incident of an earlier
 * version whose sources are the first ones of `incident` (the same objects: `incident` was made
 * from `prev.incident` by adding reports). Only the added sources are read, so saving a report
 * into an incident of n sources costs one report, not n. Null when `prev` does not qualify (a
 * revision rewrote a source, or it had no own source): rebuild with openIncidentFrom then.
 */
export function openIncidentAfter(
  prev: OpenIncident,
  incident: Incident,
  vocabulary: ExtractionVocabulary,
  memo?: SourceFeatureMemo,
): OpenIncident | null {
  const before = prev.incident.sources;
  const after = incident.sources;
  if (before.length > after.length || before.some((s, i) => s !== after[i])) return null;
  if (!before.some((s) => !s.duplicateOf)) return null;
  let open = prev;
  for (const s of after.slice(before.length)) {
    if (s.duplicateOf) continue;
    open = withReport(open, incident, sourceFeatures(s, vocabulary, memo), reportUrlKey(s.url));
  }
  if (open !== prev) return open;
  // Only copies were added: the same features, read from the new version's facts.
  return { ...prev, incident, features: { ...prev.features, ...factFeatures(incident) } };
}

function sourceFeatures(
  s: IncidentSource,
  vocabulary: ExtractionVocabulary,
  memo?: SourceFeatureMemo,
): ReportFeatures {
  const summary = (s.lead ?? []).join(' ');
  const key = JSON.stringify([s.title, summary, s.published]);
  let features = memo?.get(key);
  if (!features) {
    const report = extractReport({ title: s.title, summary, published: s.published }, vocabulary);
    const published = Date.parse(s.published);
    features = reportFeatures(report, Number.isNaN(published) ? null : published, vocabulary);
    memo?.set(key, features);
  }
  return features;
}

function emptyFeatures(incident: Incident): ReportFeatures {
  const f = incident.facts;
  return {
    vector: new Map(),
    titleVector: new Map(),
    names: new Set(),
    figures: new Set(),
    shingles: new Set(),
    entities: new Set(),
    countries: new Set(),
    type: f.type,
    subType: f.subType,
    casualties: f.casualties,
    eventDay: null,
    eventWeek: null,
    followUp: false,
    published: null,
    approx: null,
    location: f.location,
  };
}
