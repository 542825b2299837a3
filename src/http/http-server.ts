import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HttpDeps {
  readonly registry: Registry;
  /** Resolves true when Redis answers. */
  readonly redisOk: () => Promise<boolean>;
  /** Extra gauges refreshed before each scrape (queue depths). */
  readonly beforeScrape?: () => Promise<void>;
}

export interface HttpServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves GET /healthz (200 when Redis answers, else 503) and GET /metrics (Prometheus). */
export async function startHttpServer(
  deps: HttpDeps,
  host: string,
  port: number,
): Promise<HttpServer> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method === 'GET' && req.url === '/healthz') {
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
        res.writeHead(500, { 'content-type': 'text/plain' });
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
