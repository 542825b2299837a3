import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../src/feed/feed-error.js';
import { fetchFeed, type FetchOptions } from '../../src/feed/fetch-feed.js';
import { parseFeed } from '../../src/feed/parse-feed.js';

const RSS = readFileSync(new URL('../fixtures/feeds/rss2.xml', import.meta.url));
const HTML = readFileSync(new URL('../fixtures/feeds/html-page.html', import.meta.url));
const MB = 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seen: IncomingMessage[] = [];
let server: http.Server;
let base: string;

const options: FetchOptions = {
  userAgent: 'sitrep-test/1.0 (+https://github.com/sitrep/sitrep)',
  connectTimeoutMs: 2000,
  timeoutMs: 3000,
  maxBytes: 5 * MB,
  maxRedirects: 3,
};

function route(path: string, handler: Handler): string {
  routes.set(path, handler);
  return `${base}${path}`;
}

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof FeedError)) throw new Error(`expected a FeedError, got ${String(err)}`);
  return err;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    const handler = routes.get(req.url ?? '');
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchFeed', () => {
  it('sends sitrep headers and returns the body with its validators and max-age', async () => {
    const url = route('/feed', (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Tue, 05 Mar 2024 12:00:00 GMT',
        'cache-control': 'max-age=600',
      });
      res.end(RSS);
    });
    const out = await fetchFeed(url, {}, options);
    expect(out).toMatchObject({
      kind: 'fetched',
      status: 200,
      etag: '"v1"',
      maxAgeMs: 600_000,
      finalUrl: url,
      bytes: RSS.length,
    });
    const req = seen.at(-1);
    expect(req?.headers['user-agent']).toContain('sitrep');
    expect(req?.headers['accept']).toContain('application/rss+xml');
    expect(req?.headers['accept-encoding']).toBe('gzip, deflate, br');
    if (out.kind === 'fetched')
      expect((await parseFeed(out.body, out.contentType)).title).toBe('Desert Wire & Dispatch');
  });

  it('makes a conditional GET and reports 304 as not modified', async () => {
    const url = route('/conditional', (req, res) => {
      const fresh =
        req.headers['if-none-match'] === '"v1"' &&
        req.headers['if-modified-since'] === 'Tue, 05 Mar 2024 12:00:00 GMT';
      res.writeHead(fresh ? 304 : 200, {
        expires: 'Tue, 05 Mar 2024 12:05:00 GMT',
        date: 'Tue, 05 Mar 2024 12:00:00 GMT',
      });
      res.end(fresh ? undefined : RSS);
    });
    const out = await fetchFeed(
      url,
      { etag: '"v1"', lastModified: 'Tue, 05 Mar 2024 12:00:00 GMT' },
      options,
    );
    expect(out).toEqual({ kind: 'not-modified', status: 304, maxAgeMs: 300_000, finalUrl: url });
  });

  it('decodes gzip, deflate and br bodies', async () => {
    const encoders = {
      gzip: zlib.gzipSync,
      deflate: zlib.deflateSync,
      br: zlib.brotliCompressSync,
    };
    for (const [encoding, encode] of Object.entries(encoders)) {
      const url = route(`/enc-${encoding}`, (_req, res) => {
        res.writeHead(200, { 'content-encoding': encoding }).end(encode(RSS));
      });
      const out = await fetchFeed(url, {}, options);
      expect(out.kind === 'fetched' && out.body.equals(RSS)).toBe(true);
    }
  });

  it('times out on a slow-drip server even though bytes keep coming', async () => {
    const url = route('/drip', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const timer = setInterval(() => res.write('<!-- . -->'), 100);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const err = await failure(fetchFeed(url, {}, { ...options, timeoutMs: 800 }));
    expect(err).toMatchObject({
      reason: 'timeout',
      message: 'timed out after 0.8s',
      retryable: true,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports HTTP errors in one line, retryable for 5xx but not for 404', async () => {
    const url = route('/boom', (_req, res) => res.writeHead(500).end('oops'));
    expect(await failure(fetchFeed(url, {}, options))).toMatchObject({
      reason: 'http-status',
      status: 500,
      message: 'HTTP 500 Internal Server Error',
      retryable: true,
    });
    expect(await failure(fetchFeed(`${base}/missing`, {}, options))).toMatchObject({
      status: 404,
      retryable: false,
    });
  });

  it('passes Retry-After on 429 (seconds) and 503 (HTTP date)', async () => {
    const busy = route('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
    expect(await failure(fetchFeed(busy, {}, options))).toMatchObject({
      status: 429,
      retryAfterMs: 120_000,
      retryable: true,
    });
    const down = route('/down', (_req, res) =>
      res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
    );
    const err = await failure(fetchFeed(down, {}, options));
    expect(err.retryAfterMs).toBeGreaterThan(55_000);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('fetches an HTML page, which the parser then refuses as not a feed', async () => {
    const url = route('/page', (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(HTML),
    );
    const out = await fetchFeed(url, {}, options);
    if (out.kind !== 'fetched') throw new Error('expected a body');
    expect(await failure(parseFeed(out.body, out.contentType))).toMatchObject({
      reason: 'not-a-feed',
      message: 'not a feed: got an HTML page',
    });
  });

  it('refuses a 20 MB body as too large', async () => {
    const url = route('/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(MB, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 20 && res.write(chunk)) sent += 1;
        if (sent >= 20) res.end();
        else res.once('drain', () => ((sent += 1), pump()));
      };
      pump();
    });
    expect(await failure(fetchFeed(url, {}, options))).toMatchObject({
      reason: 'too-large',
      message: 'response larger than 5 MB',
      retryable: false,
    });
  });

  it('stops inflating a gzip bomb as soon as the cap is passed', async () => {
    const member = zlib.gzipSync(Buffer.alloc(16 * MB), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member)); // ~1 GB inflated
    const url = route('/bomb', (_req, res) =>
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb),
    );
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const started = Date.now();
    const err = await failure(fetchFeed(url, {}, options));
    const grown = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
    expect(err).toMatchObject({ reason: 'too-large', message: 'response larger than 5 MB' });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(grown).toBeLessThan(200 * MB);
  });

  it('follows relative redirects and detects loops and overlong chains', async () => {
    route('/old', (_req, res) => res.writeHead(301, { location: 'new?x=1' }).end());
    route('/new?x=1', (_req, res) => res.writeHead(200).end(RSS));
    expect(await fetchFeed(`${base}/old`, {}, options)).toMatchObject({
      kind: 'fetched',
      finalUrl: `${base}/new?x=1`,
    });

    route('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
    route('/loop-b', (_req, res) => res.writeHead(302, { location: '/loop-a' }).end());
    const loop = await failure(fetchFeed(`${base}/loop-a`, {}, options));
    expect(loop).toMatchObject({ reason: 'too-many-redirects' });
    expect(loop.message).toMatch(/^redirect loop: /);

    for (let i = 0; i < 6; i += 1)
      route(`/hop-${i}`, (_req, res) => res.writeHead(307, { location: `/hop-${i + 1}` }).end());
    expect(await failure(fetchFeed(`${base}/hop-0`, {}, options))).toMatchObject({
      reason: 'too-many-redirects',
      message: 'more than 3 redirects',
    });
  });

  it('asks allowAddress about every resolved address and refuses when it says no', async () => {
    const url = route('/guarded', (_req, res) => res.writeHead(200).end(RSS));
    const asked: string[] = [];
    const guard = (ip: string, host: string): boolean => (asked.push(`${host}=${ip}`), false);
    const byName = url.replace('127.0.0.1', 'localhost');
    expect(await failure(fetchFeed(byName, {}, { ...options, allowAddress: guard }))).toMatchObject(
      { reason: 'blocked-address' },
    );
    expect(asked.some((a) => a.startsWith('localhost='))).toBe(true);
    expect(await failure(fetchFeed(url, {}, { ...options, allowAddress: guard }))).toMatchObject({
      reason: 'blocked-address',
    });
    expect(await fetchFeed(byName, {}, { ...options, allowAddress: () => true })).toMatchObject({
      kind: 'fetched',
    });
  });

  it('refuses URLs that are not http(s)', async () => {
    expect(await failure(fetchFeed('ftp://example.com/feed', {}, options))).toMatchObject({
      reason: 'bad-url',
    });
    expect(await failure(fetchFeed('not a url', {}, options))).toMatchObject({ reason: 'bad-url' });
  });
});
