import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError } from './feed-error.js';
import { parseFeed } from './parse-feed.js';
import { plainText } from './plain-text.js';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../test/fixtures/feeds/${name}`, import.meta.url));

async function failure(body: Buffer | string, contentType?: string): Promise<FeedError> {
  const err: unknown = await parseFeed(body, contentType).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FeedError)) throw new Error(`expected a FeedError, got ${String(err)}`);
  return err;
}

const rss = (inner: string, decl = '<?xml version="1.0"?>'): string =>
  `${decl}<rss version="2.0"><channel><title>T</title>${inner}</channel></rss>`;

describe('parseFeed', () => {
  it('reads RSS 2.0: feed fields, guid, link, dates, author, categories', async () => {
    const feed = await parseFeed(fixture('rss2.xml'));
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'Desert Wire & Dispatch',
      link: 'https://desertwire.example/',
      description: 'Invented wire stories for tests',
    });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toMatchObject({
      guid: 'dw-2024-0007',
      published: 'Tue, 05 Mar 2024 14:30:00 +0300',
      author: 'Staff writer',
      categories: ['Iraq'],
    });
    expect(plainText(feed.items[0]?.title)).toBe('Rocket attack reported near Erbil air base');
  });

  it('reads Atom XHTML titles as text, in order, and keeps type="text" literal', async () => {
    const feed = await parseFeed(fixture('atom-xhtml.xml'));
    expect(feed.title).toBe('Coalition Briefings');
    expect(feed.description).toBe('Daily notes');
    expect(feed.link).toBe('https://briefings.example/');
    const [entry] = feed.items;
    expect(plainText(entry?.title)).toBe('Patrol returns to Tanf garrison');
    expect(plainText(entry?.summary)).toBe('Plain <text> summary');
    expect(entry).toMatchObject({ guid: 'tag:briefings.example,2024:42', author: 'Press Desk' });
  });

  it('reads RSS 1.0 (RDF)', async () => {
    const feed = await parseFeed(fixture('rdf.xml'));
    expect(feed.format).toBe('rdf');
    expect(feed.title).toBe('River Valley Notes');
    expect(feed.items[0]).toMatchObject({
      link: 'https://river.example/notes/1',
      published: '2024-02-01T08:00:00Z',
    });
  });

  it('decodes by Content-Type charset, then XML declaration, else UTF-8 or windows-1252', async () => {
    const latin1 = Buffer.from(
      rss(
        '<item><title>Caf\xe9 r\xe9ouvert</title></item>',
        '<?xml version="1.0" encoding="iso-8859-1"?>',
      ),
      'latin1',
    );
    expect(plainText((await parseFeed(latin1)).items[0]?.title)).toBe('Café réouvert');
    const koi8 = Buffer.from(
      [...Buffer.from(rss('<item><title>X</title></item>'))].map((b) => (b === 0x58 ? 0xf0 : b)),
    );
    expect(plainText((await parseFeed(koi8, 'text/xml; charset="koi8-r"')).items[0]?.title)).toBe(
      'П',
    );
    const cp1252 = Buffer.from(rss('<item><title>don\x92t stop</title></item>'), 'latin1');
    expect(plainText((await parseFeed(cp1252)).items[0]?.title)).toBe('don’t stop');
  });

  it('honours a UTF-16 byte-order mark and drops NUL characters', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(rss('<item><title>Ni\u00f1o</title></item>', ''), 'utf16le'),
    ]);
    expect(plainText((await parseFeed(utf16)).items[0]?.title)).toBe('Niño');
    const withNul = rss('<item><title>A\u0000B</title></item>');
    expect(plainText((await parseFeed(withNul)).items[0]?.title)).toBe('AB');
  });

  it('reads HTML entities, bare ampersands and markup inside an RSS description', async () => {
    const feed = await parseFeed(
      rss(
        '<item><title>Caf&eacute; &amp; bar &nbsp;x</title><link>https://a.example/?a=1&b=2</link><description>One <b>bold</b> word</description></item>',
      ),
    );
    expect(plainText(feed.items[0]?.title)).toBe('Café & bar x');
    expect(feed.items[0]?.link).toBe('https://a.example/?a=1&b=2');
    expect(plainText(feed.items[0]?.summary)).toBe('One bold word');
  });

  it('says "not a feed" for an HTML page, JSON and an empty body', async () => {
    expect((await failure(fixture('html-page.html'))).message).toBe('not a feed: got an HTML page');
    expect((await failure('{"items": []}')).message).toBe('not a feed: got JSON');
    expect((await failure('  \n')).message).toBe('not a feed: empty document');
    const err = await failure('<?xml version="1.0"?><catalog><book/></catalog>');
    expect(err.reason).toBe('not-a-feed');
    expect(err.retryable).toBe(false);
  });

  it('reports broken XML as a parse error with its line number', async () => {
    const err = await failure(fixture('broken.xml'));
    expect(err.reason).toBe('parse-error');
    expect(err.line).toBe(7);
    expect(err.message).toMatch(/^parse error at line 7: /);
  });

  it('never expands DTD entities (billion laughs) nor reads external ones', async () => {
    const started = Date.now();
    const feed = await parseFeed(fixture('billion-laughs.xml'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(feed.title).toBe('Laughs &lol9;');
    expect(plainText(feed.items[0]?.title)).toBe('Secret: &xxe;');
  });

  it('keeps a feed whose one entry has an unreadable date and a link without attributes', async () => {
    // rss-parser's own Atom reader throws on both; the adapter keeps them away from it.
    const feed = await parseFeed(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Odd</title><link href="https://odd.example/"/>
  <entry><id>a</id><title>Bad date</title><published>the day before yesterday</published>
    <link>https://odd.example/a</link></entry>
  <entry><id>b</id><title type="html">Good &lt;b&gt;entry&lt;/b&gt;</title>
    <link rel="self" href="https://odd.example/b.atom"/><updated>2026-11-30T10:00:00Z</updated></entry>
  <entry>stray text<id>c</id><title>Mixed</title></entry>
</feed>`);
    expect(feed).toMatchObject({ format: 'atom', title: 'Odd', link: 'https://odd.example/' });
    expect(feed.items.map((i) => [i.guid, i.link, i.published ?? i.updated])).toEqual([
      ['a', 'https://odd.example/a', 'the day before yesterday'],
      ['b', 'https://odd.example/b.atom', '2026-11-30T10:00:00Z'],
      ['c', undefined, undefined],
    ]);
    expect(plainText(feed.items[1]?.title)).toBe('Good entry');
    expect(plainText(feed.items[2]?.title)).toBe('Mixed');
  });

  it('reads an RSS channel with text of its own and items with attributes', async () => {
    const feed = await parseFeed(
      rss('stray <item id="x"><title>One</title><link>https://w.example/1</link></item>'),
    );
    expect(feed.title).toBe('T');
    expect(feed.items.map((i) => [plainText(i.title), i.link])).toEqual([
      ['One', 'https://w.example/1'],
    ]);
  });
});
