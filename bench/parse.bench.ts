/**
 * Feed parsing on one core: the instant farm's 1,000 documents (bench/feed-farm.ts, 20 items
 * each) parsed by rss-parser as the naive bot calls it, and by sitrep's parse (decode, prepare,
 * rss-parser/xml2js, read the entries), alone and with the items made (ids, canonical links,
 * dates, fingerprints), for a silent first fetch and for an alerting one. The fastest of several
 * repetitions, so that the machine's noise counts least. `run()` returns a markdown section.
 */
import Parser from 'rss-parser';
import { parseFeed } from '../src/feed/parse-feed.js';
import { parseItems } from '../src/feed/parse-items.js';
import { rssDocument } from '../test/support/feed-server.js';
import { farmItems } from './feed-farm.js';

const DOCUMENTS = 1000;
const REPETITIONS = 10;

function farmDocuments(): Uint8Array[] {
  const encoder = new TextEncoder();
  const items = farmItems('parse');
  return Array.from({ length: DOCUMENTS }, (_, feed) =>
    encoder.encode(rssDocument('Farm feed', items(feed))),
  );
}

/** Milliseconds for one pass over the documents: the fastest of REPETITIONS passes. */
async function fastest(
  docs: Uint8Array[],
  parse: (doc: Uint8Array, i: number) => Promise<unknown>,
) {
  let best = Infinity;
  for (let r = 0; r < REPETITIONS; r += 1) {
    const start = performance.now();
    for (let i = 0; i < docs.length; i += 1) await parse(docs[i] as Uint8Array, i);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

export async function run(): Promise<string> {
  const docs = farmDocuments();
  const decoder = new TextDecoder();
  const texts = docs.map((d) => decoder.decode(d));
  const naive = new Parser();
  const request = (body: Uint8Array, i: number, identityOnly: boolean) => ({
    body,
    contentType: 'application/rss+xml',
    maxItems: 1000,
    feedId: `farm-${i}`,
    fetchedAt: Date.now(),
    identityOnly,
  });
  const rows: [string, number][] = [
    [
      "rss-parser alone (the naive bot's parse)",
      await fastest(docs, (_d, i) => naive.parseString(texts[i] ?? '')),
    ],
    [
      'sitrep `parseFeed` (entries read, no items made)',
      await fastest(docs, (d) => parseFeed(Buffer.from(d), 'application/rss+xml')),
    ],
    [
      'sitrep `parseItems`, silent first fetch (ids, links, dates, fingerprints)',
      await fastest(docs, (d, i) => parseItems(request(d, i, true))),
    ],
    [
      'sitrep `parseItems`, alerting fetch (also the text of titles and summaries)',
      await fastest(docs, (d, i) => parseItems(request(d, i, false))),
    ],
  ];
  const [, base = NaN] = rows[0] ?? [];
  return [
    '## Feed parsing (issue 14)',
    '',
    `The instant farm's ${DOCUMENTS.toLocaleString('en-US')} documents (20 items, ~6.8 KB each), one core, the fastest of ${REPETITIONS} passes. The naive bot's first pass is its fetches plus the first row; sitrep's silent cold start parses as the third row does, on its parse thread.`,
    '',
    '| parse | ms for the documents | × rss-parser alone |',
    '|---|---|---|',
    ...rows.map(([label, ms]) => `| ${label} | ${Math.round(ms)} | ${(ms / base).toFixed(2)}× |`),
  ].join('\n');
}
