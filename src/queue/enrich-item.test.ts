import { describe, expect, it } from 'vitest';
import type { ArticleText } from '../article/extract-article.js';
import type { FeedItem } from '../domain/feed-item.js';
import type { ArticleRead } from './article-reader.js';
import { createMetrics } from './metrics.js';
import { enrichItem, isArticleCandidate, withArticle, type CandidateRule } from './enrich-item.js';

const item: FeedItem = {
  id: 'i1',
  feedId: 'wire',
  title: 'Rockets hit base',
  link: 'https://wire.example/news/1',
  summary: 'More soon.',
  content: '',
  published: '2026-12-05T10:00:00.000Z',
  categories: [],
};
const article: ArticleText = {
  title: 'Rockets hit base',
  paragraphs: ['Four US troops were wounded when rockets struck the base on Thursday.', 'More.'],
  published: '2026-11-28T09:40:00.000Z',
};

/** The outcomes counted in `sitrep_enrich_total`, as "outcome=count", sorted. */
async function counted(metrics: ReturnType<typeof createMetrics>): Promise<string[]> {
  const { values } = await metrics.enrich.get();
  return values.map((v) => `${String(v.labels.outcome)}=${v.value}`).sort();
}

describe('isArticleCandidate', () => {
  const rule: CandidateRule = { nearScore: 0.25, enabledFor: (feed) => feed !== 'off' };
  it('reads on-topic and near-threshold items, never those far below or switched off', () => {
    expect(isArticleCandidate(rule, item, { match: true, score: 0.9 })).toBe(true);
    expect(isArticleCandidate(rule, item, { match: false, score: 0.3 })).toBe(true);
    expect(isArticleCandidate(rule, item, { match: false, score: 0.1 })).toBe(false);
    expect(isArticleCandidate(rule, { ...item, feedId: 'off' }, { match: true, score: 1 })).toBe(
      false,
    );
    expect(isArticleCandidate(rule, { ...item, link: '' }, { match: true, score: 1 })).toBe(false);
  });
});

describe('withArticle', () => {
  it('takes the story as content and the article’s date as the publish time', () => {
    const e = withArticle(item, article, Date.parse('2026-12-05T11:00:00Z'));
    expect(e.content).toBe(article.paragraphs.join('\n\n'));
    expect(e.summary).toBe(item.summary);
    expect(e.published).toBe('2026-11-28T09:40:00.000Z');
  });
  it('keeps the feed’s time when the article has none or one in the future', () => {
    const now = Date.parse('2026-12-05T11:00:00Z');
    const { published: _drop, ...undated } = article;
    expect(withArticle(item, undated, now).published).toBe(item.published);
    const future = { ...article, published: '2026-12-09T00:00:00.000Z' };
    expect(withArticle(item, future, now).published).toBe(item.published);
  });
});

describe('enrichItem', () => {
  it('returns the feed item on a failed read, counting the reason', async () => {
    const metrics = createMetrics();
    const late: FeedItem[] = [];
    const read = async (): Promise<ArticleRead> => ({ outcome: 'http-status' });
    const out = await enrichItem(
      { read, deadlineMs: 200, metrics, onLate: async (i) => void late.push(i) },
      item,
    );
    expect(out).toBe(item);
    expect(await counted(metrics)).toEqual(['http-status=1']);
    expect(late).toHaveLength(0);
  });

  it('goes on with the feed text at the deadline and hands over the late article once', async () => {
    const metrics = createMetrics();
    const late: FeedItem[] = [];
    const read = () =>
      new Promise<ArticleRead>((r) => setTimeout(() => r({ outcome: 'fetched', article }), 150));
    const out = await enrichItem(
      { read, deadlineMs: 30, metrics, onLate: async (i) => void late.push(i) },
      item,
    );
    expect(out).toBe(item);
    await new Promise((r) => setTimeout(r, 250));
    expect(late).toHaveLength(1);
    expect(late[0]?.content).toContain('Four US troops');
    expect(await counted(metrics)).toEqual(['late=1', 'missed-deadline=1']);
  });

  it('never throws when the read itself throws', async () => {
    const metrics = createMetrics();
    const read = () => Promise.reject(new Error('boom'));
    const out = await enrichItem({ read, deadlineMs: 50, metrics, onLate: async () => {} }, item);
    expect(out).toBe(item);
    expect(await counted(metrics)).toEqual(['error=1']);
  });
});
