import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feed/feed-error.js';
import { parseItems, type ParseRequest } from '../../src/feed/parse-items.js';
import { createFeedParser, type FeedParser } from '../../src/feed/parse-pool.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(HERE, '../fixtures/feeds', name));
const request = (body: Uint8Array | string, feedName?: string): ParseRequest => ({
  body,
  contentType: 'application/rss+xml',
  maxItems: 1000,
  feedId: 'f1',
  feedName,
  fetchedAt: Date.parse('2026-12-06T05:00:00Z'),
});

describe('parse threads', () => {
  let parser: FeedParser | undefined;
  afterEach(async () => {
    await parser?.close();
    parser = undefined;
  });

  it('parse on a thread exactly what is parsed in place, fingerprints included', async () => {
    parser = createFeedParser(2);
    await parser.ready(30_000);
    for (const name of ['rss2.xml', 'atom-xhtml.xml', 'rdf.xml']) {
      const onThread = await parser.parse(request(fixture(name), 'Wire'));
      expect(onThread).toEqual(await parseItems(request(fixture(name), 'Wire')));
      expect(onThread.items.length).toBeGreaterThan(0);
      expect(onThread.items.every((i) => i.source === 'Wire')).toBe(true);
    }
    expect(parser.counts).toEqual({ threads: 3, inPlace: 0 });
  });

  it("keep a broken document's reason and line", async () => {
    parser = createFeedParser(1);
    const err = await parser.parse(request(fixture('broken.xml'))).catch((e: unknown) => e);
    const inPlace = await parseItems(request(fixture('broken.xml'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({
      reason: (inPlace as FeedError).reason,
      message: (inPlace as FeedError).message,
      line: (inPlace as FeedError).line,
    });
    const html = await parser.parse(request(fixture('html-page.html'))).catch((e: unknown) => e);
    expect(html).toMatchObject({ reason: 'not-a-feed', message: 'not a feed: got an HTML page' });
    expect(parser.counts.threads).toBe(2);
  });

  it('fail only the document a thread died on: the others it held are parsed in place, and it starts again', async () => {
    const warnings: unknown[] = [];
    const log = { warn: (o: unknown) => warnings.push(o), error: () => undefined };
    const seen = { stops: 0, inPlace: 0 };
    parser = createFeedParser(1, {
      entry: pathToFileURL(path.join(HERE, '../fixtures/threads/dying-parse-thread.ts')),
      restartMs: 10,
      log: log as never,
      onThreadStop: () => (seen.stops += 1),
      onParsed: (where) => (seen.inPlace += where === 'in_place' ? 1 : 0),
    });
    const [killer, other] = await Promise.allSettled(
      ['rss2.xml', 'rdf.xml'].map((n) => parser?.parse(request(fixture(n)))),
    );
    expect(killer).toMatchObject({
      status: 'rejected',
      reason: {
        reason: 'parse-error',
        message: 'parse error: the parse thread stopped while reading it (exit code 3)',
      },
    });
    expect(other).toMatchObject({
      status: 'fulfilled',
      value: { items: (await parseItems(request(fixture('rdf.xml')))).items },
    });
    expect(parser.counts).toEqual({ threads: 0, inPlace: 1 });
    // Started again: the next document goes to the new thread (which dies on it in turn).
    await new Promise((r) => setTimeout(r, 500));
    await expect(parser.parse(request(fixture('rss2.xml')))).rejects.toBeInstanceOf(FeedError);
    expect(warnings).toEqual([
      { code: 3, restartInMs: 10 },
      { code: 3, restartInMs: 20 },
    ]);
    expect(seen).toEqual({ stops: 2, inPlace: 1 });
  });

  it('fail a document still unparsed after the deadline, and stop its stuck thread', async () => {
    parser = createFeedParser(1, {
      entry: pathToFileURL(path.join(HERE, '../fixtures/threads/stuck-parse-thread.ts')),
      restartMs: 10,
      deadlineMs: 300,
    });
    const [stuck, behind] = await Promise.allSettled(
      ['rss2.xml', 'rdf.xml'].map((n) => parser?.parse(request(fixture(n)))),
    );
    expect(stuck).toMatchObject({
      status: 'rejected',
      reason: { reason: 'parse-error', message: 'parse error: parse took longer than 300 ms' },
    });
    expect(behind).toMatchObject({ status: 'fulfilled' });
    expect(parser.counts).toEqual({ threads: 0, inPlace: 1 });
  });

  it('parse in place once closed, and with 0 threads', async () => {
    parser = createFeedParser(1);
    await parser.ready(30_000);
    await parser.close();
    await parser.parse(request(fixture('rss2.xml')));
    expect(parser.counts).toEqual({ threads: 0, inPlace: 1 });
    const none = createFeedParser(0);
    await none.parse(request('<rss version="2.0"><channel><title>t</title></channel></rss>'));
    expect(none.counts).toEqual({ threads: 0, inPlace: 1 });
  });
});
