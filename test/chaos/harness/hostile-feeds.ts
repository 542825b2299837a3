/**
 * Hostile feeds served by the local feed server, each with what feed health must say about it:
 * entity expansion, external entities, a gzip bomb, a slow drip, a 50 MB body, a redirect loop,
 * wrong and missing charsets, NUL bytes, 100,000 items, script and markup in titles.
 */
import { createGzip } from 'node:zlib';
import type { FeedServer } from '../../support/feed-server.js';

export interface HostileFeed {
  readonly id: string;
  readonly what: string;
  /** The feed-health reason expected ('ok': read without error). */
  readonly expect: 'ok' | 'timeout' | 'too-large' | 'too-many-redirects' | 'parse-error';
}

export interface HostileOptions {
  /** Decompressed size of the gzip bomb (default 1 GiB). */
  readonly bombBytes?: number;
  /** Size of the oversized plain body (default 50 MB). */
  readonly hugeBytes?: number;
  /** Items in the huge-item-count feed (default 100,000). */
  readonly manyItems?: number;
}

const RSS_HEAD = '<?xml version="1.0" encoding="UTF-8"?>';
const rss = (items: string, head = RSS_HEAD) =>
  `${head}<rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example.test/</link><description>d</description>${items}</channel></rss>`;
const item = (n: string, title: string, summary = 'Nothing to see.') =>
  `<item><guid>${n}</guid><title>${title}</title><link>https://hostile.example.test/${n}</link><description>${summary}</description></item>`;

/** gzip of `bytes` zeros, compressed once in chunks (a few MB of memory at most). */
async function gzipBomb(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((r) => gzip.on('end', r));
  const zeros = Buffer.alloc(1024 * 1024);
  const head = Buffer.from(`${RSS_HEAD}<rss version="2.0"><channel><title>`);
  gzip.write(head);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

const LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
  ).join('') +
  ']>';

/** Registers the hostile routes on `server`; returns what each must come to. */
export async function serveHostileFeeds(
  server: FeedServer,
  o: HostileOptions = {},
): Promise<HostileFeed[]> {
  const xml = 'application/rss+xml';
  const send = (path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    server.route(path, (res) => res.writeHead(200, { 'content-type': xml, ...headers }).end(body));
  send('/laughs.xml', rss(item('laughs-1', 'Laughing &lol9; at the parser'), RSS_HEAD + LAUGHS));
  send(
    '/xxe.xml',
    rss(
      item('xxe-1', 'Drone strike on Ain al-Asad air base &xxe;', 'Leak: &xxe; &xxe2;'),
      `${RSS_HEAD}<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY xxe2 SYSTEM "http://127.0.0.1:1/">]>`,
    ),
  );
  const bomb = await gzipBomb(o.bombBytes ?? 1024 ** 3);
  send('/bomb.xml', bomb, { 'content-encoding': 'gzip' });
  server.route('/drip.xml', (res) => {
    res.writeHead(200, { 'content-type': xml });
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 300);
    res.on('close', () => clearInterval(timer));
  });
  const huge = o.hugeBytes ?? 50 * 1024 * 1024;
  server.route('/huge.xml', (res) => {
    res.writeHead(200, { 'content-type': xml });
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < huge && !res.destroyed) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  server.route('/loop-a.xml', (res) => res.writeHead(302, { location: '/loop-b.xml' }).end());
  server.route('/loop-b.xml', (res) => res.writeHead(302, { location: '/loop-a.xml' }).end());
  const utf8Title = 'Gaziantep café: déjà vu in Qamishli';
  send('/wrong-charset.xml', rss(item('cs-1', utf8Title)), {
    'content-type': `${xml}; charset=utf-16`,
  });
  server.route('/no-charset.xml', (res) =>
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        Buffer.from(rss(item('cs-2', 'Caf\u00e9 in Rojava'), '<?xml version="1.0"?>'), 'latin1'),
      ),
  );
  send('/nul.xml', rss(item('nul-1', 'NUL\u0000 bytes\u0000 in a \u0001title')));
  const many = o.manyItems ?? 100_000;
  const rows: string[] = [];
  for (let i = 0; i < many; i += 1) rows.push(`<item><title>m${i}</title></item>`);
  send('/many.xml', rss(rows.join('')));
  send(
    '/script.xml',
    rss(
      item(
        'script-1',
        '&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover="x()"&gt;Rocket attack on Erbil air base&lt;/b&gt; injures two US troops',
        '<![CDATA[<img src=x onerror=alert(2)><a href="javascript:alert(3)">Rockets</a> struck Erbil air base on Monday, injuring two American service members. <iframe src="https://evil.example.test/"></iframe>]]>',
      ),
    ),
  );
  return [
    { id: 'laughs', what: 'entity expansion (billion laughs)', expect: 'ok' },
    { id: 'xxe', what: 'external entities (file:///etc/passwd)', expect: 'ok' },
    {
      id: 'bomb',
      what: `gzip bomb (${Math.round((o.bombBytes ?? 1024 ** 3) / 1024 ** 2)} MB of zeros, ${Math.round(bomb.length / 1024)} KB on the wire)`,
      expect: 'too-large',
    },
    { id: 'drip', what: 'slow drip (a byte every 300 ms)', expect: 'timeout' },
    { id: 'huge', what: `${Math.round(huge / 1024 ** 2)} MB body`, expect: 'too-large' },
    { id: 'loop-a', what: 'redirect loop', expect: 'too-many-redirects' },
    { id: 'wrong-charset', what: 'charset=utf-16 on UTF-8 bytes', expect: 'ok' },
    { id: 'no-charset', what: 'latin-1 bytes, no charset anywhere', expect: 'ok' },
    { id: 'nul', what: 'NUL and control bytes', expect: 'ok' },
    { id: 'many', what: `${many.toLocaleString('en-US')} items in one feed`, expect: 'ok' },
    { id: 'script', what: 'script and markup in title and summary', expect: 'ok' },
  ];
}
