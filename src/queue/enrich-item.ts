/**
 * Article enrichment of one candidate item, within a deadline: the item's content becomes the
 * article's story text. When the article misses the deadline the item goes on with its feed
 * text, and the read carries on; if it brings an article, `onLate` gets the enriched item once.
 */
import type { ArticleText } from '../article/extract-article.js';
import type { FeedItem } from '../domain/feed-item.js';
import type { Logger } from '../log/logger.js';
import type { ArticleRead } from './article-reader.js';
import type { PipelineMetrics } from './metrics.js';

export interface EnrichDeps {
  readonly read: (url: string) => Promise<ArticleRead>;
  readonly deadlineMs: number;
  readonly metrics: Pick<PipelineMetrics, 'enrich'>;
  /** Called at most once per item, when its article arrives after the deadline. */
  readonly onLate: (item: FeedItem) => Promise<void>;
  readonly log?: Logger;
}

export interface CandidateRule {
  /** Off-topic items scoring at least this are read too: the article can decide. */
  readonly nearScore: number;
  /** False for a feed with `enrich: false`, or for all when articles are switched off. */
  readonly enabledFor: (feedId: string) => boolean;
}

/** True when an item should have its article read (on topic, or near the threshold). */
export function isArticleCandidate(
  rule: CandidateRule,
  item: FeedItem,
  match: { readonly match: boolean; readonly score: number },
): boolean {
  if (!item.link || !rule.enabledFor(item.feedId)) return false;
  return match.match || match.score >= rule.nearScore;
}

const FUTURE_SLACK_MS = 3_600_000;

/**
 * The item with the article's story as its content (feed title and summary kept). The
 * article's own publication time (JSON-LD `datePublished`, page metadata) replaces the feed's,
 * which is often the feed's update time or the fetch time: relative dates in the story ("on
 * Tuesday") are resolved against it. A publication time in the future is ignored.
 */
export function withArticle(item: FeedItem, article: ArticleText, now = Date.now()): FeedItem {
  const content = article.paragraphs.join('\n\n');
  const published = article.published ? Date.parse(article.published) : Number.NaN;
  if (Number.isNaN(published) || published > now + FUTURE_SLACK_MS) return { ...item, content };
  return { ...item, content, published: new Date(published).toISOString() };
}

/** Returns the enriched item, or the item as it came when there is no article in time. */
export async function enrichItem(deps: EnrichDeps, item: FeedItem): Promise<FeedItem> {
  const reading = deps.read(item.link).catch((err: unknown): ArticleRead => {
    deps.log?.warn({ err, url: item.link }, 'article read failed');
    return { outcome: 'error' };
  });
  let timer: NodeJS.Timeout | undefined;
  const missed = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deps.deadlineMs);
  });
  const first = await Promise.race([reading, missed]);
  clearTimeout(timer);
  if (first === null) {
    deps.metrics.enrich.inc({ outcome: 'missed-deadline' });
    deps.log?.info({ itemId: item.id, url: item.link }, 'article missed the deadline');
    void reading.then(async (late) => {
      deps.metrics.enrich.inc({ outcome: late.article ? 'late' : late.outcome });
      if (!late.article) return;
      await deps.onLate(withArticle(item, late.article)).catch((err: unknown) => {
        deps.log?.warn({ err, itemId: item.id }, 'could not queue the late article');
      });
    });
    return item;
  }
  deps.metrics.enrich.inc({ outcome: first.outcome });
  if (!first.article) {
    deps.log?.info(
      { itemId: item.id, url: item.link, reason: first.outcome },
      'no article: alerting on the feed text',
    );
    return item;
  }
  return withArticle(item, first.article);
}
