import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HttpDeps {
  readonly registry: Registry;
  /** Resolves true when Redis answers. */
  readonly redisOk: () => Promise<boolean>;
  /** Extra gauges refreshed before each scrape (queue depths). */
  readonly beforeScrape?: () => Promise<void>;
  /** More endpoints, each under its own path prefix (the WebSub callback: `/websub/`). */
  readonly routes?: readonly HttpRoute[];
}

export interface HttpRoute {
  /** Requests whose path starts with this go to `handle` (any method). */
  readonly prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface HttpServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Serves GET /healthz (200 when Redis answers, else 503), GET /metrics (Prometheus) and the
 * extra `routes`.
 */
export async function startHttpServer(
  deps: HttpDeps,
  host: string,
  port: number,
): Promise<HttpServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const route = deps.routes?.find((r) => req.url?.startsWith(r.prefix));
        if (route) {
          await route.handle(req, res);
        } else if (req.method === 'GET' && req.url === '/healthz') {
          const ok = await deps.redisOk();
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: ok ? 'ok' : 'redis unreachable' }));
        } else if (req.method === 'GET' && req.url === '/metrics') {
          await deps.beforeScrape?.();
          res.writeHead(200, { 'content-type': deps.registry.contentType });
          res.end(await deps.registry.metrics());
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('not found: try /healthz or /metrics\n');
        }
      } catch {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('internal error\n');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
