import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { createConsoleFrontEnd } from '../chat/console/console-front-end.js';
import { startApp } from '../main.js';
import { createRedisFeedStateStore } from '../store/redis/redis-feed-state-store.js';
import { demoFeeds } from './demo-feeds.js';
import { writeLine, type CliIo } from './io.js';
import { jsonOption } from './json-option.js';
import { stopSignal } from './stop-signal.js';

/** Demo keys expire after this, should the demo be killed before it removes them. */
const KEY_TTL_SECONDS = 600;
const SWEEP_MS = 500;
/**
 * Running demos: prefix → the time (ms) until which its demo is known alive, moved on by every
 * sweep. A demo killed with SIGKILL stops moving it on; the next demo deletes that prefix's keys
 * (those written in its last half second have no expiry).
 */
const RUNS_KEY = 'sitrep-demo:runs';
const ALIVE_MS = 30_000;

const HELP = `usage: sitrep demo [--json]

Serves a few invented feeds on 127.0.0.1 (on-topic, off-topic, broken, failing), runs the whole
pipeline against the real Redis (REDIS_URL, default 127.0.0.1:6379) under a throw-away key
prefix, prints the alerts and each feed's health, removes its keys and exits (also on Ctrl-C or a
closed pipe; should it be killed (kill -9), its keys expire within 10 minutes, and those it
wrote in its last half second, which have no expiry yet, are removed by the next demo started
half a minute or more later).
--json: the alerts as JSON lines on stdout; the banner and feed health go to stderr.`;

/** Gives every key under `prefix` without an expiry one (run every second while the demo runs). */
async function expireKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.expire(key, KEY_TTL_SECONDS, 'NX');
    await pipeline.exec();
    cursor = next;
  } while (cursor !== '0');
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Deletes the keys of demos that stopped moving their entry on (killed), and their entries. */
async function removeKilledRuns(redis: Redis, now: number): Promise<void> {
  const dead = await redis.zrangebyscore(RUNS_KEY, '-inf', `(${now}`);
  for (const prefix of dead) {
    await deleteKeys(redis, prefix);
    await redis.zrem(RUNS_KEY, prefix);
  }
}

async function waitUntilIdle(
  pending: () => Promise<number>,
  polled: () => Promise<boolean>,
  stopped: () => boolean,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  let idleTicks = 0;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    if (stopped()) return;
    idleTicks = (await polled()) && (await pending()) === 0 ? idleTicks + 1 : 0;
    if (idleTicks >= 3) return;
  }
  throw new Error('demo: the pipeline did not finish within 60 s');
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const options = jsonOption(args, io, HELP);
  if (!options) return 0;
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
  const log = createLogger({ level: 'error', pretty: false, destination: io.stderr });
  const json = options.json;
  const info = json ? io.stderr : io.stdout;
  writeLine(
    io.stderr,
    `sitrep demo: ${config.feeds.length} local feeds at ${base}, Redis key prefix ${prefix}\n`,
  );
  const stop = stopSignal(io);
  let stopReason: string | undefined;
  void stop.stopped.then((r) => (stopReason = r));
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  // A connection of our own gives every key of the prefix an expiry from before the worker
  // writes its first one (startApp creates queues and schedules) and twice a second after, so
  // a demo killed with SIGKILL leaves at most the keys of its last half second without one
  // (the next demo removes them: removeKilledRuns).
  const keeper = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  keeper.on('error', () => undefined);
  // No expiry on the list of runs: it is empty (so gone) unless a demo was killed.
  const alive = () => keeper.zadd(RUNS_KEY, Date.now() + ALIVE_MS, prefix);
  const sweep = () =>
    void Promise.all([alive(), expireKeys(keeper, prefix)]).catch(() => undefined);
  const sweeper = setInterval(sweep, SWEEP_MS);
  try {
    await alive().catch(() => undefined);
    await removeKilledRuns(keeper, Date.now()).catch(() => undefined);
    app = await startApp(config, log, [createConsoleFrontEnd(io.stdout, { json })]);
    sweep();
    const redis = app.redis;
    const state = createRedisFeedStateStore(redis, prefix);
    const polled = async () =>
      (await Promise.all(config.feeds.map((f) => state.health(f.id)))).every((h) => h.lastPollAt);
    const running = app;
    await waitUntilIdle(
      () => running.pipeline.pending(),
      polled,
      () => stopReason !== undefined,
    );
    if (stopReason === undefined) {
      writeLine(info, 'feed health:');
      for (const f of config.feeds) {
        const h = await state.health(f.id);
        const detail =
          h.status === 'ok' ? `ok, ${h.itemsSeen} items` : `${h.status}: ${h.lastError ?? ''}`;
        writeLine(info, `  ${f.id.padEnd(10)} ${detail}`);
      }
    }
  } finally {
    clearInterval(sweeper);
    if (app) {
      await app.pipeline.polling.schedule.clear().catch(() => undefined);
      await app.stop();
    }
    // Workers write their last keys while they stop: delete after, on our own connection.
    await deleteKeys(keeper, prefix).catch(() => undefined);
    await keeper.zrem(RUNS_KEY, prefix).catch(() => undefined);
    keeper.disconnect();
    server.close();
    stop.dispose();
  }
  return stopReason === 'SIGINT' || stopReason === 'SIGTERM' ? 130 : 0;
}
