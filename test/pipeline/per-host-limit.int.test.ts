/**
 * `polling.perHost` over several workers: two workers share one Redis and poll feeds on two
 * local hosts (127.0.0.1 and 127.0.0.2) that answer slowly and record how many requests each
 * had in flight at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type App } from '../../src/main.js';
import { consoleCapture } from '../support/console-capture.js';
import { rssDocument } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const log = createLogger({ level: 'silent', pretty: false });
const HOSTS = ['127.0.0.1', '127.0.0.2'];
const FEEDS_PER_HOST = 12;

interface Host {
  readonly base: string;
  inFlight: number;
  peak: number;
  requests: number;
  close(): Promise<void>;
}

/** A feed host whose answers take 100 ms; records its peak of concurrent requests. */
async function startHost(address: string): Promise<Host> {
  const doc = rssDocument('Outlet', []);
  const server: Server = createServer((_req, res) => {
    host.inFlight += 1;
    host.requests += 1;
    host.peak = Math.max(host.peak, host.inFlight);
    setTimeout(() => {
      host.inFlight -= 1;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(doc);
    }, 100);
  });
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const host: Host = {
    base: `http://${address}:${(server.address() as AddressInfo).port}`,
    inFlight: 0,
    peak: 0,
    requests: 0,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return host;
}

let t: TestRedis;
let hosts: Host[];

beforeEach(async () => {
  t = testRedis();
  hosts = await Promise.all(HOSTS.map(startHost));
});

afterEach(async () => {
  await Promise.all(hosts.map((h) => h.close()));
  await t.cleanup();
});

function workerConfig() {
  return loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      polling: { perHost: 2 },
      // Each worker holds at most 8 claimed feeds: both get some of every host.
      pipeline: { concurrency: { poll: 4 } },
      feeds: hosts.flatMap((h, i) =>
        Array.from({ length: FEEDS_PER_HOST }, (_, k) => ({
          id: `h${i}-${k}`,
          url: `${h.base}/f/${k}.xml`,
          interval: '1h',
        })),
      ),
    },
  });
}

describe('polling.perHost with two workers', () => {
  it('never has more than perHost requests in flight on a host between both workers', async () => {
    const apps: App[] = [];
    try {
      const config = workerConfig();
      apps.push(
        ...(await Promise.all(
          [0, 1].map(() => startApp(config, log, [consoleCapture().frontEnd])),
        )),
      );
      await waitFor(() => hosts.every((h) => h.requests >= FEEDS_PER_HOST));
    } finally {
      await Promise.all(apps.map((a) => a.stop()));
    }
    for (const h of hosts) expect(h.peak).toBe(2);
    // Every slot was given back.
    expect(await t.redis.keys(`${t.prefix}:schedule:host:*`)).toEqual([]);
  });
});
