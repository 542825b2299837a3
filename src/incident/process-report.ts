/**
 * The item processor's incident step, pure: one on-topic report + the open incidents →
 * a new incident, an update of an open one (new source, revised figures), or a duplicate
 * (same URL or a syndicated copy: recorded as a source, no alert).
 */
import type { Incident, IncidentChange, IncidentSource } from '../domain/incident.js';
import type { TopicMatch } from '../domain/topic-match.js';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from './cluster/cluster-config.js';
import { bestJoin, candidates } from './cluster/cluster-score.js';
import { timeVerdict } from './cluster/time-verdict.js';
import { withReport, type ClusterState, type OpenIncident } from './cluster/cluster-state.js';
import { incidentId } from './cluster/incident-id.js';
import { mergeFacts } from './cluster/merge-facts.js';
import { jaccard } from './cluster/text-similarity.js';
import type { ExtractionVocabulary } from './extract/vocabulary.js';
import { prepareReport, type ClusterItem, type PreparedReport } from './prepare-report.js';
import { isTeaser } from './teaser.js';

export type { ClusterItem } from './prepare-report.js';

export interface ProcessDeps {
  /** The gazetteer, lexicon and theatre the extractor reads (see vocabulary.ts). */
  readonly vocabulary: ExtractionVocabulary;
  /** Writes the incident's summary text (src/summary); defaults to the headline. */
  readonly summarise?: (incident: Incident) => string;
  /** `incidents.cluster` from config; the open incidents kept are `openIncidents.max`. */
  readonly config?: ClusterConfig;
}

export interface ProcessResult {
  readonly kind: 'new' | 'update' | 'duplicate';
  readonly incident: Incident;
  readonly changes: readonly IncidentChange[];
  readonly state: ClusterState;
}

type Verdict = ReturnType<typeof timeVerdict>;

/** Each open incident's time verdict for this report (computed once per report). */
function verdicts(p: PreparedReport, open: readonly OpenIncident[], cfg: ClusterConfig): Verdict[] {
  return open.map((o) => timeVerdict(p.features, o.features, cfg));
}

function findDuplicate(
  p: PreparedReport,
  open: readonly OpenIncident[],
  times: readonly Verdict[],
  cfg: ClusterConfig,
): OpenIncident | null {
  for (let i = open.length - 1; i >= 0; i -= 1) {
    const o = open[i];
    if (!o) continue;
    if (p.url && o.features.urls.has(p.url)) return o;
    if (times[i] === 'veto') continue;
    if (
      o.features.shingleSets.some((s) => jaccard(s, p.features.shingles) >= cfg.duplicateShingles)
    )
      return o;
  }
  return null;
}

function confidence(incident: Pick<Incident, 'sources'>, match: TopicMatch): number {
  const outlets = new Set(
    incident.sources.filter((s) => !s.duplicateOf).map((s) => s.outlet || s.itemId),
  ).size;
  return Math.min(1, Math.round((0.3 + 0.4 * match.score + 0.15 * (outlets - 1)) * 100) / 100);
}

function replaceOpen(state: ClusterState, next: OpenIncident, maxOpen: number): ClusterState {
  const open = state.open.filter((o) => o.incident.id !== next.incident.id);
  open.push(next);
  return { open: open.length > maxOpen ? open.slice(open.length - maxOpen) : open };
}

function change(at: Date, version: number, description: string, itemId: string): IncidentChange {
  return { at: at.toISOString(), version, description, sourceItemId: itemId };
}

/** Processes one on-topic report in arrival order. */
export function processReport(
  state: ClusterState,
  item: ClusterItem,
  match: TopicMatch,
  now: Date,
  deps: ProcessDeps,
): ProcessResult {
  const cfg = deps.config ?? DEFAULT_CLUSTER_CONFIG;
  const maxOpen = cfg.openIncidents.max;
  const summarise = deps.summarise ?? ((i: Incident) => i.headline);
  const p = prepareReport(item, now, deps.vocabulary);
  const times = verdicts(p, state.open, cfg);
  const dup = findDuplicate(p, state.open, times, cfg);
  if (dup) {
    const first = dup.incident.sources.find((s) => !s.duplicateOf) ?? dup.incident.sources[0];
    const source: IncidentSource = { ...p.source, duplicateOf: first?.itemId ?? '' };
    const incident: Incident = { ...dup.incident, sources: [...dup.incident.sources, source] };
    const next: OpenIncident = { ...dup, incident };
    return { kind: 'duplicate', incident, changes: [], state: replaceOpen(state, next, maxOpen) };
  }
  const target = bestJoin(candidates(p.features, state.open, times, cfg), cfg);
  if (target) return joinIncident(state, target, p, match, now, { summarise, maxOpen });
  return openIncident(state, p, match, now, { summarise, maxOpen });
}

interface Finish {
  readonly summarise: (incident: Incident) => string;
  readonly maxOpen: number;
}

function joinIncident(
  state: ClusterState,
  target: OpenIncident,
  p: PreparedReport,
  match: TopicMatch,
  now: Date,
  fin: Finish,
): ProcessResult {
  const old = target.incident;
  const merged = mergeFacts(old.facts, p.report.facts);
  const version = old.version + 1;
  const outlet = p.source.outlet || p.item.id;
  const changes = [
    change(now, version, `new source: ${outlet}`, p.item.id),
    ...merged.changes.map((c) => change(now, version, `${c}, per ${outlet}`, p.item.id)),
  ];
  const draft: Incident = {
    ...old,
    version,
    facts: merged.facts,
    topics: [...new Set([...old.topics, ...match.topics.map((t) => t.topic)])],
    sources: [...old.sources, p.source],
    updatedAt: now.toISOString(),
    timeline: [...old.timeline, ...changes],
  };
  const incident: Incident = {
    ...draft,
    summary: fin.summarise(draft),
    confidence: confidence(draft, match),
  };
  const next = withReport(target, incident, p.features, p.url);
  return { kind: 'update', incident, changes, state: replaceOpen(state, next, fin.maxOpen) };
}

function openIncident(
  state: ClusterState,
  p: PreparedReport,
  match: TopicMatch,
  now: Date,
  fin: Finish,
): ProcessResult {
  const id = incidentId(p.item.id);
  const first = change(now, 1, `new incident: ${p.source.outlet || p.item.id}`, p.item.id);
  const draft: Incident = {
    id,
    version: 1,
    facts: p.report.facts,
    topics: match.topics.map((t) => t.topic),
    why: match.why,
    summary: '',
    headline: p.report.title,
    sources: [p.source],
    firstSeen: now.toISOString(),
    updatedAt: now.toISOString(),
    timeline: [first],
    confidence: 0,
  };
  const incident: Incident = {
    ...draft,
    summary: fin.summarise(draft),
    confidence: confidence(draft, match),
  };
  const next = withReport(null, incident, p.features, p.url);
  return { kind: 'new', incident, changes: [first], state: replaceOpen(state, next, fin.maxOpen) };
}

/**
 * A revision of a report already in an incident (its article, read after the alert went out on
 * the feed line): joins that incident whatever the clustering score. The article is recorded as
 * a copy of the feed report (same link, listed once); when the feed's lead was a teaser, the
 * article's first sentences become that source's lead. A revision that changes neither the
 * facts nor the summary is recorded without a new version (no alert); otherwise the update
 * names only what changed.
 */
export function processRevision(
  state: ClusterState,
  revisedItemId: string,
  item: ClusterItem,
  match: TopicMatch,
  now: Date,
  deps: ProcessDeps,
): ProcessResult | null {
  const target = state.open.find((o) => o.incident.sources.some((s) => s.itemId === revisedItemId));
  const original = target?.incident.sources.find((s) => s.itemId === revisedItemId);
  if (!target || !original) return null;
  const summarise = deps.summarise ?? ((i: Incident) => i.headline);
  const maxOpen = (deps.config ?? DEFAULT_CLUSTER_CONFIG).openIncidents.max;
  const p = prepareReport(item, now, deps.vocabulary);
  const old = target.incident;
  const articleLead = p.source.lead ?? [];
  const teaser = isTeaser((original.lead ?? []).join(' '), articleLead.join(' '));
  const sources = old.sources.map((s) =>
    s === original && teaser && articleLead.length > 0 ? { ...s, lead: articleLead } : s,
  );
  const merged = mergeFacts(old.facts, p.report.facts);
  const draft: Incident = {
    ...old,
    facts: merged.facts,
    topics: [...new Set([...old.topics, ...match.topics.map((t) => t.topic)])],
    sources: [...sources, { ...p.source, duplicateOf: revisedItemId }],
  };
  const summary = summarise(draft);
  const version = old.version + 1;
  const outlet = original.outlet || revisedItemId;
  const changes = merged.changes.map((c) => change(now, version, `${c}, per ${outlet}`, p.item.id));
  if (changes.length === 0 && summary !== old.summary)
    changes.push(change(now, version, `summary from the full article, per ${outlet}`, p.item.id));
  const incident: Incident =
    changes.length === 0
      ? { ...draft, summary }
      : {
          ...draft,
          version,
          summary,
          updatedAt: now.toISOString(),
          timeline: [...old.timeline, ...changes],
          confidence: confidence(draft, match),
        };
  const next = withReport(target, incident, p.features, p.url);
  const kind = changes.length === 0 ? 'duplicate' : 'update';
  return { kind, incident, changes, state: replaceOpen(state, next, maxOpen) };
}
