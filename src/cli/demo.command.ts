import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { createConsoleFrontEnd } from '../chat/console/console-front-end.js';
import { startApp } from '../main.js';
import { createRedisFeedStateStore } from '../store/redis/redis-feed-state-store.js';
import { demoFeeds } from './demo-feeds.js';
import { writeLine, type CliIo } from './io.js';

const HELP = `usage: sitrep demo [--json]

Serves a few invented feeds on 127.0.0.1 (on-topic, off-topic, broken, failing), runs the whole
pipeline against the real Redis (REDIS_URL, default 127.0.0.1:6379) under a throw-away key
prefix, prints the alerts and each feed's health, removes its keys and exits.`;

async function waitUntilIdle(
  pending: () => Promise<number>,
  polled: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  let idleTicks = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    idleTicks = (await polled()) && (await pending()) === 0 ? idleTicks + 1 : 0;
    if (idleTicks >= 3) return;
  }
  throw new Error('demo: the pipeline did not finish within 60 s');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const feeds = demoFeeds(new Date());
  const server = createServer((req, res) => {
    const f = feeds[req.url ?? ''];
    res.writeHead(f?.status ?? 404, { 'content-type': f?.type ?? 'text/plain' });
    res.end(f?.body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const prefix = `sitrep-demo-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    overrides: {
      redis: { prefix },
      http: { enabled: false },
      polling: { alertOnFirstFetch: true, backoffBase: '1m' },
      pipeline: { attempts: 1 },
      feeds: Object.keys(feeds).map((path) => ({
        id: path.slice(1, -4),
        url: `${base}${path}`,
        interval: '10m',
      })),
    },
  });
  const log = createLogger({ level: 'error', pretty: false, destination: process.stderr });
  writeLine(
    io.stdout,
    `sitrep demo: ${config.feeds.length} local feeds at ${base}, Redis key prefix ${prefix}\n`,
  );
  const app = await startApp(config, log, [
    createConsoleFrontEnd(io.stdout, { json: values.json === true }),
  ]);
  const state = createRedisFeedStateStore(app.redis, prefix);
  try {
    const polled = async () =>
      (await Promise.all(config.feeds.map((f) => state.health(f.id)))).every((h) => h.lastPollAt);
    await waitUntilIdle(() => app.pipeline.pending(), polled);
    writeLine(io.stdout, 'feed health:');
    for (const f of config.feeds) {
      const h = await state.health(f.id);
      const detail =
        h.status === 'ok' ? `ok, ${h.itemsSeen} items` : `${h.status}: ${h.lastError ?? ''}`;
      writeLine(io.stdout, `  ${f.id.padEnd(10)} ${detail}`);
    }
  } finally {
    await app.pipeline.polling.schedule.clear().catch(() => undefined);
    const keys = await app.redis.keys(`${prefix}:*`);
    if (keys.length > 0) await app.redis.del(...keys);
    await app.stop();
    server.close();
  }
  return 0;
}
