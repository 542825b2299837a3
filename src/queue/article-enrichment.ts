/**
 * Wires article reading into the poll stage: which items are candidates, the reader (cache,
 * robots, politeness, guarded fetch, extraction) and the late path, where an article that missed
 * the deadline comes back as a second report of the item that updates its incident once.
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config, FeedConfig } from '../config/schema.js';
import type { RobotsCache } from '../store/robots-cache.js';
import type { Logger } from '../log/logger.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
import type { FeedItem } from '../domain/feed-item.js';
import { ArticleReader } from './article-reader.js';
import { enrichItem, isArticleCandidate, type CandidateRule } from './enrich-item.js';
import { jobIds, type ItemsQueueJob } from './jobs.js';
import { reportOf } from './item.processor.js';
import type { PipelineMetrics } from './metrics.js';

interface EnrichmentDeps {
  readonly config: Readonly<Config>;
  /** Redis for the article cache and the per-host politeness keys. */
  readonly connection: Redis;
  readonly matcher: TopicMatcher;
  /** robots.txt files, shared by all workers. */
  readonly robotsCache: RobotsCache;
  readonly metrics: PipelineMetrics;
  readonly log: Logger;
}

export interface ArticleEnrichment {
  readonly rule: CandidateRule;
  readonly enrich: (item: FeedItem) => Promise<FeedItem>;
}

/** The item as its late article makes it: its own id (a second report), the story as text. */
export function lateReport(item: FeedItem): FeedItem {
  return { ...item, id: `${item.id}-article`, summary: '' };
}

export function articleEnrichment(
  deps: EnrichmentDeps,
  feeds: ReadonlyMap<string, FeedConfig>,
  itemQueue: Queue<ItemsQueueJob>,
): ArticleEnrichment | null {
  const { config } = deps;
  if (!config.articles.enabled) return null;
  const log = deps.log.child({ part: 'articles' });
  const reader = new ArticleReader({
    redis: deps.connection,
    prefix: config.redis.prefix,
    config,
    robotsCache: deps.robotsCache,
    log,
  });
  const rule: CandidateRule = {
    nearScore: config.articles.nearScore,
    enabledFor: (feedId) => feeds.get(feedId)?.enrich !== false,
  };
  const enrichDeps = {
    read: (url: string) => reader.read(url),
    deadlineMs: config.articles.deadline,
    metrics: deps.metrics,
    log,
    onLate: async (item: FeedItem) => {
      const late = lateReport(item);
      await itemQueue.add(
        'item',
        { item: { ...late, categories: [...late.categories] }, revises: item.id },
        { jobId: jobIds.lateArticle(item.id) },
      );
    },
  };
  return {
    rule,
    enrich: (item) => {
      if (!isArticleCandidate(rule, item, deps.matcher.match(reportOf(item))))
        return Promise.resolve(item);
      return enrichItem(enrichDeps, item);
    },
  };
}
