import type { Queue } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { FeedItem } from '../domain/feed-item.js';
import type { Incident } from '../domain/incident.js';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log/logger.js';
import type { ClusterConfig } from '../incident/cluster/cluster-config.js';
import { processReport, processRevision } from '../incident/process-report.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
import type { TopicMatch } from '../domain/topic-match.js';
import { summariseIncident } from '../summary/summarise.js';
import {
  RECENT_REVISIONS_MAX,
  type IncidentStore,
  type SaveResult,
} from '../store/incident-store.js';
import { jobIds, type AlertJob } from './jobs.js';
import { ClusterRounds, type RoundOutcome } from './cluster-rounds.js';
import type { IncidentRevision, OpenIncidentCache } from './open-incident-cache.js';
import type { PipelineMetrics } from './metrics.js';

export interface ItemDeps {
  readonly matcher: TopicMatcher;
  readonly vocabulary: ExtractionVocabulary;
  readonly incidents: IncidentStore;
  readonly alertQueue: Queue<AlertJob>;
  /**
   * Routes an alert at once, in this job (saves the alerts queue's hop: a job added, taken and
   * finished per alert). When it throws, the alert goes to the alerts queue instead, whose
   * worker retries it. Without it every alert is queued.
   */
  readonly route?: (job: AlertJob) => Promise<unknown>;
  readonly log?: Logger;
  readonly metrics: PipelineMetrics;
  /** Clustering settings (`incidents.cluster`): which open incidents a report is compared with. */
  readonly cluster: ClusterConfig;
  /** Clustering features of recent incidents, kept between items (one per worker). */
  readonly openIncidents: OpenIncidentCache;
  /**
   * Runs the clustering steps of the worker's items in rounds (`clusterRounds()`, one per
   * worker), so its items jobs may run at once. Without it each item is a round of its own, and
   * the caller must process one item at a time.
   */
  readonly clustering?: ClusterRounds<ClusterRequest, Clustered>;
  readonly now?: () => Date;
}

export type ItemResult =
  | { outcome: 'off-topic'; why: string }
  | { outcome: 'new' | 'update' | 'duplicate'; incidentId: string; version: number };

/** A feed item as the matcher and the clustering read it. */
export function reportOf(item: FeedItem) {
  return {
    id: item.id,
    title: item.title,
    summary: item.summary,
    content: item.content,
    published: item.published,
    url: item.link,
    ...(item.source ? { source: item.source } : {}),
  };
}

/** The ids and revisions of the incidents a report may join (`incidents.cluster.openIncidents`). */
export function listOpen(
  deps: Pick<ItemDeps, 'cluster' | 'incidents'>,
  now: Date,
): Promise<IncidentRevision[]> {
  const open = deps.cluster.openIncidents;
  return deps.incidents.recentRevisions({
    since: new Date(now.getTime() - open.lookback),
    limit: open.max,
  });
}

/**
 * Fills the open-incident cache before the first item: its features are extracted from every
 * source of every open incident, which would otherwise hold up the first alert after a start
 * (~0.5 s with a few incidents of hundreds of reports).
 */
export async function warmOpenIncidents(deps: ItemDeps): Promise<number> {
  const listed = await listOpen(deps, deps.now?.() ?? new Date());
  const recent = await deps.openIncidents.current(listed, (ids) => deps.incidents.getMany(ids));
  return recent.length;
}

/**
 * Matches an item against the topics, clusters it into an incident and routes its alert. The
 * clustering step (read the open incidents, decide, save) runs in `deps.clustering`'s rounds
 * (one queue per worker), so several items jobs may run at once: their matching and alert
 * routing overlap, and no two of them decide against the same open incidents.
 */
export async function processItem(
  deps: ItemDeps,
  item: FeedItem,
  /** revises: the id of the item whose late article this is (src/queue/article-enrichment.ts). */
  options: { revises?: string } = {},
): Promise<ItemResult> {
  const clusterItem = reportOf(item);
  const match = deps.matcher.match(clusterItem);
  if (!match.match) return { outcome: 'off-topic', why: match.why };
  deps.metrics.itemsMatched.inc();
  const request: ClusterRequest = { deps, item, clusterItem, match, options };
  const { result, alert } = deps.clustering
    ? await deps.clustering.run(request)
    : await settled((await clusterRound([request]))[0]);
  if (alert) await sendAlert(deps, alert);
  return result;
}

/** One item waiting for its clustering step. */
export interface ClusterRequest {
  readonly deps: ItemDeps;
  readonly item: FeedItem;
  readonly clusterItem: ReturnType<typeof reportOf>;
  readonly match: TopicMatch;
  readonly options: { revises?: string };
}

/** What an item's clustering step decided and saved, and the alert to route. */
export interface Clustered {
  readonly result: ItemResult;
  readonly alert: AlertJob | null;
}

/** One worker's clustering rounds (src/queue/cluster-rounds.ts). */
export function clusterRounds(maxPerRound?: number): ClusterRounds<ClusterRequest, Clustered> {
  return new ClusterRounds(clusterRound, maxPerRound);
}

function settled<R>(o: RoundOutcome<R> | undefined): R {
  if (!o) throw new Error('clustering round lost a request');
  if (!o.ok) throw o.error;
  return o.value;
}

/**
 * The clustering step of several items (one worker's: they share `deps`), in order: the open
 * incidents' revisions are read once; each item is decided against them as the earlier items
 * of the round left them (the open-incident cache takes each decision at the revision its save
 * will make) and its save is sent at once, without waiting for the reply, so the round's saves
 * travel together; a second save of one incident waits for the first's. An item is settled
 * when its save is answered. A save refused (another worker changed the incident meanwhile) or
 * lost with Redis fails its item (retried as its own job) and drops the cache's copy, so the
 * next round reads that incident again; a later item of the round on the same incident fails
 * with it, unsent.
 */
async function clusterRound(
  requests: readonly ClusterRequest[],
): Promise<RoundOutcome<Clustered>[]> {
  const first = requests[0];
  if (!first) return [];
  const { deps } = first;
  const now = deps.now?.() ?? new Date();
  let listed = await listOpen(deps, now);
  const round: Round = { chain: new Map(), decided: Promise.resolve() };
  // Answers that come while the round is still deciding change the cache only after the last
  // decision: a refused save dropping its incident from the cache there would hide it from the
  // round's later items, and one of them could open a second incident for the same event.
  let allDecided = (): void => undefined;
  round.decided = new Promise<void>((resolve) => (allDecided = resolve));
  const decided: (RoundOutcome<Clustered> | Promise<RoundOutcome<Clustered>>)[] = [];
  for (const request of requests) {
    try {
      const step = await decideOne(request, listed, now, round);
      if ('done' in step) {
        decided.push({ ok: true, value: step.done });
        continue;
      }
      listed = step.listed;
      decided.push(step.saving);
    } catch (error) {
      decided.push({ ok: false, error });
    }
  }
  allDecided();
  return Promise.all(decided);
}

/** What the decisions of one round share. */
interface Round {
  /** Incident id → the round's last save of it. */
  readonly chain: Map<string, Promise<SaveResult>>;
  /** Resolves once every item of the round is decided. */
  decided: Promise<void>;
}

type Decision =
  { done: Clustered } | { listed: IncidentRevision[]; saving: Promise<RoundOutcome<Clustered>> };

/** Decides one item against `listed` and sends its save; returns the listing after it. */
async function decideOne(
  { deps, item, clusterItem, match, options }: ClusterRequest,
  listed: readonly IncidentRevision[],
  now: Date,
  round: Round,
): Promise<Decision> {
  const { chain } = round;
  const recent = await deps.openIncidents.current(listed, (ids) => deps.incidents.getMany(ids));
  const state = { open: [...recent].reverse() };
  const processDeps = {
    vocabulary: deps.vocabulary,
    summarise: summariseIncident,
    config: deps.cluster,
  };
  const r =
    (options.revises
      ? processRevision(state, options.revises, clusterItem, match, now, processDeps)
      : null) ?? processReport(state, clusterItem, match, now, processDeps);
  const previous = recent.find((o) => o.incident.id === r.incident.id)?.incident;
  if (previous?.sources.some((s) => s.itemId === item.id)) {
    // A retry after a crash: the report is already in; make sure its alert went out (once the
    // save that put it in is answered, when that save is this round's).
    const kind = previous.version === 1 ? 'new' : 'update';
    const done: Clustered = {
      result: { outcome: 'duplicate', incidentId: previous.id, version: previous.version },
      alert: { incidentId: previous.id, version: previous.version, kind, changes: [] },
    };
    const pending = chain.get(previous.id);
    return pending
      ? { listed: [...listed], saving: settle(deps, round, previous.id, pending, done) }
      : { done };
  }
  // The revision listed for it: a duplicate report keeps the version, so the version alone
  // would let two workers adding reports to one incident at once overwrite each other's source.
  const revision = previous ? (listed.find((l) => l.id === previous.id)?.revision ?? '') : '';
  const { id, version } = r.incident;
  const send = (rev: string) =>
    deps.incidents.save(r.incident, previous ? previous.version : null, rev);
  // Sent now (the store issues its one command at the call), in the round's order. A second
  // save of one incident in the round goes after the first is accepted, with the revision that
  // one made, and only when this decision was made on that very save (its revision known and
  // the one expected): an incident without a revision is read again for each decision, and
  // that read can overtake the save still queued on an auto-pipelining connection, so the
  // decision may lack it. Otherwise it is refused unsent, and retried on its own.
  // The revision this save makes if it is accepted (each save adds one; see the store). Taken
  // by the cache first: should that throw, nothing has been sent.
  const expected = previous ? (revision === '' ? '' : String(Number(revision) + 1)) : '1';
  deps.openIncidents.saved(r.incident, expected);
  const before = chain.get(id);
  const save = before
    ? before.then((prior) =>
        prior.ok && basedOn(prior, revision) ? send(prior.revision) : refused,
      )
    : send(revision);
  chain.set(id, save);
  const outcome: Clustered = {
    result: { outcome: r.kind, incidentId: id, version },
    alert:
      r.kind === 'duplicate'
        ? null
        : { incidentId: id, version, kind: r.kind, changes: r.changes.map((c) => c.description) },
  };
  const saving = settle(deps, round, id, save, outcome, expected);
  return { listed: listedAfter(deps, now, listed, recent, r.incident, expected), saving };
}

const refused: SaveResult = { ok: false, reason: 'conflict' };

/** Whether a decision made at `revision` was made on the save that answered `prior`. */
function basedOn(prior: Extract<SaveResult, { ok: true }>, revision: string): boolean {
  return revision !== '' && prior.revision === revision;
}

/**
 * The outcome once `save` is answered: `value`, or an error when it was refused or lost, which
 * also drops the cache's copy of the incident. `expected`: the revision the cache took the
 * save at, corrected to the one it made.
 */
async function settle(
  deps: ItemDeps,
  round: Round,
  id: string,
  save: Promise<SaveResult>,
  value: Clustered,
  expected?: string,
): Promise<RoundOutcome<Clustered>> {
  const answered = await save.then(
    (saved) => ({ saved }),
    (error: unknown) => ({ error }),
  );
  await round.decided;
  if ('error' in answered) {
    deps.openIncidents.forget(id);
    return { ok: false, error: answered.error };
  }
  const { saved } = answered;
  if (!saved.ok) {
    deps.openIncidents.forget(id);
    return {
      ok: false,
      error: new AppError('INCIDENT_CONFLICT', `incident ${id} changed meanwhile`, {
        retryable: true,
      }),
    };
  }
  if (expected !== undefined) deps.openIncidents.revised(id, expected, saved.revision);
  return { ok: true, value };
}

/**
 * The listing as Redis will give it once `saved` is in: newest update first (equal times in
 * reverse id order, as ZREVRANGEBYSCORE gives them), within the lookback and the limit. A listed
 * id without an open incident (gone when it was loaded) is left out, which Redis would still
 * list; the decisions leave it out anyway. Exported for its test against `listOpen`.
 */
export function listedAfter(
  deps: Pick<ItemDeps, 'cluster'>,
  now: Date,
  listed: readonly IncidentRevision[],
  recent: readonly { readonly incident: Pick<Incident, 'id' | 'updatedAt'> }[],
  saved: Incident,
  revision: string,
): IncidentRevision[] {
  const updated = new Map(recent.map((o) => [o.incident.id, Date.parse(o.incident.updatedAt)]));
  updated.set(saved.id, Date.parse(saved.updatedAt));
  const since = now.getTime() - deps.cluster.openIncidents.lookback;
  const at = (l: IncidentRevision) => updated.get(l.id) ?? -Infinity;
  return [{ id: saved.id, revision }, ...listed.filter((l) => l.id !== saved.id)]
    .filter((l) => at(l) >= since)
    .sort((a, b) => at(b) - at(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, Math.min(deps.cluster.openIncidents.max, RECENT_REVISIONS_MAX));
}

/** Routes the alert now; when that throws, queues it for the alerts worker to retry. */
async function sendAlert(deps: ItemDeps, job: AlertJob): Promise<void> {
  const { incidentId, version } = job;
  if (deps.route) {
    try {
      await deps.route(job);
      return;
    } catch (err) {
      deps.log?.warn({ err, incidentId, version }, 'routing failed: the alert goes to its queue');
    }
  }
  await deps.alertQueue.add('alert', job, { jobId: jobIds.alert(incidentId, version) });
}

/** A job's payload checked against its schema; an invalid one fails for good (no retry). */
export function parsePayload<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { message: string } };
  },
  queue: string,
  data: unknown,
): T {
  const r = schema.safeParse(data);
  if (!r.success) throw new UnrecoverableError(`invalid ${queue} job payload: ${r.error.message}`);
  return r.data;
}
