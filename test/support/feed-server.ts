/** A local feed server whose documents tests change between polls; records request headers. */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenLocally } from './local-server.js';

export interface FeedItemFixture {
  guid: string;
  title: string;
  summary: string;
  link: string;
  pubDate: Date;
}

export type Route = (res: ServerResponse, headers: IncomingHttpHeaders) => void;

export interface FeedServer {
  readonly base: string;
  readonly requests: { path: string; headers: IncomingHttpHeaders }[];
  route(path: string, handler: Route): void;
  /** Serves an RSS document with an ETag; answers 304 to a matching If-None-Match. */
  rss(path: string, title: string, items: FeedItemFixture[]): void;
  close(): Promise<void>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function rssDocument(title: string, items: FeedItemFixture[]): string {
  const body = items
    .map(
      (i) =>
        `<item><guid>${esc(i.guid)}</guid><title>${esc(i.title)}</title><link>${esc(i.link)}</link>` +
        `<description>${esc(i.summary)}</description><pubDate>${i.pubDate.toUTCString()}</pubDate></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${esc(title)}</title><link>https://example.test/</link><description>d</description>${body}</channel></rss>`;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const handler = routes.get(req.url ?? '');
    if (handler) handler(res, req.headers);
    else res.writeHead(404).end('not found');
  });
  const { base, close } = await listenLocally(server);
  return {
    base,
    requests,
    route: (path, handler) => routes.set(path, handler),
    rss(path, title, items) {
      const doc = rssDocument(title, items);
      const etag = `"${createHash('sha1').update(doc).digest('hex')}"`;
      routes.set(path, (res, headers) => {
        if (headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(doc);
      });
    },
    close,
  };
}
