import type { Queue } from 'bullmq';
import { UnrecoverableError } from 'bullmq';
import type { FeedItem } from '../domain/feed-item.js';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log/logger.js';
import type { ClusterConfig } from '../incident/cluster/cluster-config.js';
import { processReport, processRevision } from '../incident/process-report.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
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

/** Matches an item against the topics, clusters it into an incident and routes its alert. */
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
    await sendAlert(
      deps,
      previous.id,
      previous.version,
      previous.version === 1 ? 'new' : 'update',
      [],
    );
    return { outcome: 'duplicate', incidentId: previous.id, version: previous.version };
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
  if (r.kind !== 'duplicate') {
    const changes = r.changes.map((c) => c.description);
    await sendAlert(deps, r.incident.id, r.incident.version, r.kind, changes);
  }
  return { outcome: r.kind, incidentId: r.incident.id, version: r.incident.version };
}

/** Routes the alert now; when that throws, queues it for the alerts worker to retry. */
async function sendAlert(
  deps: ItemDeps,
  incidentId: string,
  version: number,
  kind: AlertJob['kind'],
  changes: string[],
): Promise<void> {
  const job: AlertJob = { incidentId, version, kind, changes };
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
