import type { Queue } from 'bullmq';
import type { LimitFunction } from 'p-limit';
import { UnrecoverableError } from 'bullmq';
import type { FeedItem } from '../domain/feed-item.js';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log/logger.js';
import type { ClusterConfig } from '../incident/cluster/cluster-config.js';
import { processReport, processRevision } from '../incident/process-report.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
import type { TopicMatch } from '../domain/topic-match.js';
import { summariseIncident } from '../summary/summarise.js';
import type { IncidentStore } from '../store/incident-store.js';
import { jobIds, type AlertJob } from './jobs.js';
import type { OpenIncidentCache } from './open-incident-cache.js';
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
   * Runs the clustering step of each item one at a time (a p-limit of 1, one per worker), so
   * the worker's items jobs may run at once. Without it the caller must process one item at a
   * time.
   */
  readonly clustering?: LimitFunction;
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

/** The incidents a report may join (`incidents.cluster.openIncidents`), through the cache. */
async function openIncidents(deps: ItemDeps, now: Date) {
  const open = deps.cluster.openIncidents;
  const listed = await deps.incidents.recentRevisions({
    since: new Date(now.getTime() - open.lookback),
    limit: open.max,
  });
  const recent = await deps.openIncidents.current(listed, (ids) => deps.incidents.getMany(ids));
  return { listed, recent };
}

/**
 * Fills the open-incident cache before the first item: its features are extracted from every
 * source of every open incident, which would otherwise hold up the first alert after a start
 * (~0.5 s with a few incidents of hundreds of reports).
 */
export async function warmOpenIncidents(deps: ItemDeps): Promise<number> {
  const { recent } = await openIncidents(deps, deps.now?.() ?? new Date());
  return recent.length;
}

/**
 * Matches an item against the topics, clusters it into an incident and routes its alert. The
 * clustering step (read the open incidents, decide, save) runs in `deps.clustering`, one item
 * at a time per worker, so several items jobs may run at once: their matching, Redis round
 * trips and alert routing overlap, and no two of them decide against the same open incidents.
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
  const clustered = () => clusterItemIn(deps, item, clusterItem, match, options);
  const { result, alert } = await (deps.clustering ? deps.clustering(clustered) : clustered());
  if (alert) await sendAlert(deps, alert);
  return result;
}

/** The clustering step: an item joins or opens an incident, saved; the alert to route. */
async function clusterItemIn(
  deps: ItemDeps,
  item: FeedItem,
  clusterItem: ReturnType<typeof reportOf>,
  match: TopicMatch,
  options: { revises?: string },
): Promise<{ result: ItemResult; alert: AlertJob | null }> {
  const now = deps.now?.() ?? new Date();
  const { listed, recent } = await openIncidents(deps, now);
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
    // A retry after a crash: the report is already in; make sure its alert went out.
    const kind = previous.version === 1 ? 'new' : 'update';
    return {
      result: { outcome: 'duplicate', incidentId: previous.id, version: previous.version },
      alert: { incidentId: previous.id, version: previous.version, kind, changes: [] },
    };
  }
  // The revision listed for it: a duplicate report keeps the version, so the version alone
  // would let two workers adding reports to one incident at once overwrite each other's source.
  const revision = previous ? listed.find((l) => l.id === previous.id)?.revision : undefined;
  const saved = await deps.incidents.save(
    r.incident,
    previous ? previous.version : null,
    revision ?? '',
  );
  if (!saved.ok) {
    throw new AppError('INCIDENT_CONFLICT', `incident ${r.incident.id} changed meanwhile`, {
      retryable: true,
    });
  }
  deps.openIncidents.saved(r.incident, saved.revision);
  const { id, version } = r.incident;
  return {
    result: { outcome: r.kind, incidentId: id, version },
    alert:
      r.kind === 'duplicate'
        ? null
        : { incidentId: id, version, kind: r.kind, changes: r.changes.map((c) => c.description) },
  };
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
