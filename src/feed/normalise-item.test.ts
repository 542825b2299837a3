import { describe, expect, it } from 'vitest';
import { normaliseFeed } from './normalise-item.js';
import type { ParsedFeed, RawEntry } from './raw-entry.js';

const fetchedAt = new Date('2024-03-05T12:00:00Z');

function feedOf(...items: Partial<RawEntry>[]): ParsedFeed {
  return {
    format: 'rss',
    title: 'Desert Wire',
    link: 'https://desertwire.example/news/',
    description: '',
    items: items.map((i) => ({ categories: [], ...i })),
  };
}

const one = (entry: Partial<RawEntry>) => normaliseFeed(feedOf(entry), 'dw', fetchedAt)[0];

describe('normaliseFeed', () => {
  it('renders title, summary and content as plain text without script or style', () => {
    const item = one({
      title: { value: 'Strike on &lt;i&gt;depot&lt;/i&gt; &amp;amp; convoy', kind: 'html' },
      summary: {
        value: '<p>Officials said.</p><script>x()</script><style>p{}</style><p>More.</p>',
        kind: 'html',
      },
      content: { value: '<div>Full <b>text</b></div>', kind: 'html' },
    });
    expect(item).toMatchObject({
      feedId: 'dw',
      title: 'Strike on depot & convoy',
      summary: 'Officials said.\nMore.',
      content: 'Full text',
      source: 'Desert Wire',
    });
  });

  it('uses the content as summary when there is no summary', () => {
    expect(one({ content: { value: '<p>Only content</p>', kind: 'html' } })?.summary).toBe(
      'Only content',
    );
  });

  it('canonicalises links: relative resolved, tracking removed', () => {
    expect(one({ link: '../2024/story?utm_source=rss&p=2#x' })?.link).toBe(
      'https://desertwire.example/2024/story?p=2',
    );
  });

  it('publishes at the fetch time when the date is missing, unparseable or in the future', () => {
    expect(one({})?.published).toBe(fetchedAt.toISOString());
    expect(one({ published: 'soon' })?.published).toBe(fetchedAt.toISOString());
    expect(one({ published: '2024-03-05T12:30:00Z' })?.published).toBe(fetchedAt.toISOString());
    expect(one({ published: '2024-03-05T12:04:00Z' })?.published).toBe('2024-03-05T12:04:00.000Z');
    expect(
      one({ published: 'Tue, 05 Mar 2024 09:00:00 +0300', updated: '2024-03-05T07:00:00Z' }),
    ).toMatchObject({
      published: '2024-03-05T06:00:00.000Z',
      updated: '2024-03-05T07:00:00.000Z',
    });
  });

  it('gives stable ids: from the guid, else the canonical link, else title and date', () => {
    const byGuid = one({ guid: ' abc-1 ', link: 'https://a.example/1' })?.id;
    expect(byGuid).toMatch(/^[0-9a-f]{32}$/);
    expect(one({ guid: 'abc-1', link: 'https://a.example/other' })?.id).toBe(byGuid);
    const byLink = one({ link: 'https://a.example/1?utm_source=x' })?.id;
    expect(one({ link: 'https://a.example/1#frag' })?.id).toBe(byLink);
    expect(byLink).not.toBe(byGuid);
    const byTitle = one({
      title: { value: 'Same', kind: 'text' },
      published: 'Mon, 04 Mar 2024',
    })?.id;
    expect(one({ title: { value: 'Same', kind: 'text' }, published: 'Mon, 04 Mar 2024' })?.id).toBe(
      byTitle,
    );
    expect(
      one({ title: { value: 'Same', kind: 'text' }, published: 'Tue, 05 Mar 2024' })?.id,
    ).not.toBe(byTitle);
  });

  it('keeps author and categories as plain text', () => {
    expect(one({ author: 'Desk &amp; Wire', categories: ['Iraq', '<b>Syria</b>'] })).toMatchObject({
      author: 'Desk & Wire',
      categories: ['Iraq', 'Syria'],
    });
  });
});

describe('normaliseFeed, identity only (a silent first fetch)', () => {
  it('gives every entry the id, link and date of its full normalisation, without the text', () => {
    const feed = feedOf(
      {
        guid: ' tag:dw,2024:1 ',
        link: '/news/a?utm_source=x',
        title: { value: 'A', kind: 'text' },
        summary: { value: '<p>long</p>', kind: 'html' },
        published: 'Tue, 05 Mar 2024 09:00:00 GMT',
      },
      { link: 'https://desertwire.example/news/b', updated: '2024-03-05T10:00:00Z' },
      { title: { value: 'No &amp; link', kind: 'html' }, published: 'yesterday-ish' },
      { title: { value: 'Future', kind: 'text' }, published: '2030-01-01T00:00:00Z' },
    );
    const full = normaliseFeed(feed, 'dw', fetchedAt);
    const ids = normaliseFeed(feed, 'dw', fetchedAt, true);
    expect(ids.map(({ id, link, published }) => ({ id, link, published }))).toEqual(
      full.map(({ id, link, published }) => ({ id, link, published })),
    );
    expect(new Set(ids.map((i) => i.id)).size).toBe(4);
    expect(ids[0]).toMatchObject({ summary: '', content: '', categories: [] });
  });
});
