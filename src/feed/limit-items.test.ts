import { describe, expect, it } from 'vitest';
import { limitItems } from './limit-items.js';
import { parseFeed } from './parse-feed.js';

const rss = (n: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${Array.from(
    { length: n },
    (_, i) => `<item><title>item ${i}</title></item>`,
  ).join('\n')}</channel></rss>`;

describe('limitItems', () => {
  it('leaves a document with at most maxItems entries untouched', () => {
    const doc = rss(3);
    expect(limitItems(doc, 3)).toEqual({ text: doc, dropped: 0 });
  });

  it('keeps the first entries and the document tail, dropping the rest', async () => {
    const { text, dropped } = limitItems(rss(10), 4);
    expect(dropped).toBe(6);
    const feed = await parseFeed(text);
    expect(feed.items.map((i) => i.title?.value)).toEqual([0, 1, 2, 3].map((i) => `item ${i}`));
  });

  it('works for prefixed Atom entries', async () => {
    const entries = Array.from(
      { length: 5 },
      (_, i) => `<a:entry><a:id>e${i}</a:id><a:title>entry ${i}</a:title></a:entry>`,
    ).join('');
    const doc = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>F</a:title>${entries}</a:feed>`;
    const { text, dropped } = limitItems(doc, 2);
    expect(dropped).toBe(3);
    expect((await parseFeed(text)).items).toHaveLength(2);
  });

  it('reads 100,000 items as the first maxItems through parseFeed', async () => {
    const feed = await parseFeed(rss(100_000), undefined, { maxItems: 500 });
    expect(feed.items).toHaveLength(500);
    expect(feed.droppedItems).toBe(99_500);
  });
});
