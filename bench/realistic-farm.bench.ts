/**
 * The realistic farm (bench/realistic-farm.ts): sitrep and the naive bot at the same request
 * budget. sitrep runs first with adaptive polling; its request rate over the measured window
 * becomes the naive bot's fixed budget. Over the window, items are published on each feed at
 * its own rate; a reader's latency is publish → alert (an item not alerted by the end of the
 * window counts as later than the window). Time runs 10× faster than on real outlets: hot
 * feeds post every ~15 s (real: ~2.5 min), quiet ones every ~30 min (real: ~5 h); sitrep's
 * bounds are 6 s … 6 min (real: 1 min … 1 h). `--quick` halves the window.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { startFakeChat } from '../test/chaos/harness/fake-chat-server.js';
import { chaosIncidents } from '../test/chaos/harness/incidents.js';
import { startWorker } from '../test/chaos/harness/worker-process.js';
import { deletePrefix } from '../test/support/test-redis.js';
import { routeToBenchChannel } from './feed-farm.js';
import { startRealisticFarm, type RealisticFarm } from './realistic-farm.js';
import { seededRandom as seeded } from '../src/match/model/seeded-random.js';

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const FEEDS = Number(process.env.REALISTIC_FEEDS ?? 5000);
const HOSTS = 200;
/** Items are published during the first PUBLISH_S seconds of a WINDOW_S-second window. */
const PUBLISH_S = QUICK ? 60 : 120;
const WINDOW_S = QUICK ? 150 : 300;
const FARM = {
  feeds: FEEDS,
  hosts: HOSTS,
  hotGapMs: 15_000,
  quietGapMs: 1_800_000,
  hotShare: 0.03,
};
const HERE = path.dirname(fileURLToPath(import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Result {
  published: number;
  latencies: number[];
  requests: number;
  bytes: number;
  windowMs: number;
  warmMs: number;
}

/** Publishes on each feed at its own (Poisson) rate for PUBLISH_S seconds. */
async function publishFor(farm: RealisticFarm, run: string): Promise<string[]> {
  const random = seeded(7);
  const pool = chaosIncidents(20_000, run);
  const nextAt = farm.gaps.map((g) => Date.now() - g * Math.log(1 - random()));
  const links: string[] = [];
  const end = Date.now() + PUBLISH_S * 1000;
  while (Date.now() < end) {
    const now = Date.now();
    for (let i = 0; i < nextAt.length; i += 1) {
      if ((nextAt[i] ?? Infinity) > now) continue;
      const item = pool[links.length % pool.length];
      if (item) {
        farm.publish(i, { ...item, pubDate: new Date(now) });
        links.push(item.link);
      }
      nextAt[i] = now - (farm.gaps[i] ?? 1) * Math.log(1 - random());
    }
    await sleep(100);
  }
  return links;
}

function latencies(
  farm: RealisticFarm,
  links: string[],
  alertAt: (l: string) => number | undefined,
) {
  return links.map((l) => {
    const at = alertAt(l);
    return at === undefined ? Infinity : at - (farm.published.get(l) ?? at);
  });
}

async function measure(
  farm: RealisticFarm,
  run: string,
  alertAt: (l: string) => number | undefined,
) {
  const start = { requests: farm.counts.requests, bytes: farm.counts.bytes, at: Date.now() };
  const links = await publishFor(farm, run);
  await sleep(Math.max(0, start.at + WINDOW_S * 1000 - Date.now()));
  return {
    published: links.length,
    latencies: latencies(farm, links, alertAt),
    requests: farm.counts.requests - start.requests,
    bytes: farm.counts.bytes - start.bytes,
    windowMs: Date.now() - start.at,
  };
}

async function waitWarm(farm: RealisticFarm): Promise<number> {
  const t0 = Date.now();
  while (farm.counts.requests < FEEDS && Date.now() - t0 < 600_000) await sleep(250);
  await sleep(5000);
  return Date.now() - t0;
}

async function runSitrep(): Promise<Result> {
  const run = randomBytes(4).toString('hex');
  const prefix = `sitrep-bench-${run}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const farm = await startRealisticFarm({ ...FARM, seed: 1 });
  const chat = await startFakeChat();
  const configPath = path.join(dir, 'bench.yml');
  writeFileSync(
    configPath,
    stringify({
      logLevel: 'error',
      redis: { url: redisUrl, prefix },
      http: { enabled: false },
      fetch: { timeout: '10s', connectTimeout: '5s' },
      polling: {
        defaultInterval: '30s',
        minInterval: '6s',
        maxInterval: '6m',
        perHost: 2,
        backoffBase: '30s',
        backoffMax: '6m',
      },
      pipeline: { concurrency: { poll: 128 } },
      delivery: {
        perDestinationInterval: '5ms',
        rateLimit: { max: 1000, per: '1s' },
        burstThreshold: 1_000_000,
      },
      feeds: farm.urls.map((url, i) => ({ id: `r-${i}`, url })),
    }),
  );
  await routeToBenchChannel(redis, prefix);
  const worker = startWorker({ configPath, chatUrl: chat.url });
  try {
    await worker.ready(60_000);
    const warmMs = await waitWarm(farm);
    const posted = new Map<string, number>();
    const alertAt = (l: string) => {
      if (posted.size === 0 || !posted.has(l))
        for (const c of chat.calls)
          if (c.op === 'post') for (const k of c.keys) if (!posted.has(k)) posted.set(k, c.at);
      return posted.get(l);
    };
    const r = await measure(farm, run, () => undefined);
    const links = [...farm.published.keys()];
    return { ...r, latencies: latencies(farm, links, alertAt), warmMs };
  } finally {
    await worker.kill('SIGTERM');
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await chat.close();
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runNaive(ratePerS: number): Promise<Result> {
  const run = randomBytes(4).toString('hex');
  const farm = await startRealisticFarm({ ...FARM, seed: 1 });
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-naive-'));
  const urlFile = path.join(dir, 'urls.txt');
  writeFileSync(urlFile, farm.urls.join('\n'));
  const alerts = new Map<string, number>();
  let warm = false;
  const bot = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(HERE, 'naive-bot.ts'),
      '--urls',
      urlFile,
      String(ratePerS),
      '900',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let rest = '';
  bot.stdout.setEncoding('utf8');
  bot.stdout.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const r = JSON.parse(line) as { pass?: number; alert?: string; at?: number };
      if (r.pass !== undefined) warm = true;
      if (r.alert && !alerts.has(r.alert)) alerts.set(r.alert, r.at ?? 0);
    }
  });
  try {
    const t0 = Date.now();
    while (!warm && Date.now() - t0 < 600_000) await sleep(250);
    const warmMs = Date.now() - t0;
    const r = await measure(farm, run, (l) => alerts.get(l));
    return { ...r, warmMs };
  } finally {
    bot.kill('SIGKILL');
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const secs = (v: number) =>
  Number.isFinite(v) ? `${(v / 1000).toFixed(1)} s` : `> ${WINDOW_S} s (not alerted in the window)`;

/** sitrep p50 / naive p50; an upper bound when the naive bot's p50 lies beyond the window. */
function p50Ratio(s: number, n: number): string {
  if (!Number.isFinite(s)) return '';
  if (!Number.isFinite(n)) return `< ${(s / (WINDOW_S * 1000)).toPrecision(2)}× (p50)`;
  return `${(s / n).toPrecision(2)}× (p50)`;
}

export async function run(): Promise<string> {
  const s = await runSitrep();
  const sRate = s.requests / (s.windowMs / 1000);
  const n = await runNaive(sRate);
  const nRate = n.requests / (n.windowMs / 1000);
  const pct = (r: Result) => [50, 95, 99].map((p) => secs(percentile(r.latencies, p))).join(' / ');
  const alerted = (r: Result) => r.latencies.filter(Number.isFinite).length;
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  return [
    '## Realistic farm: adaptive polling against a fixed loop at the same request budget (issue 14)',
    '',
    `${FEEDS.toLocaleString('en-US')} feeds over ${HOSTS} local hosts (127.0.1.x): answers after a log-normal delay (median 200 ms, ~3 % over 5 s), ~1 % never answered, ` +
      '50–200 KB bodies (ten newest items, then older filler), ETags; 3 % hot feeds (an item every ~15 s) and 97 % quiet ones (every ~30 min), log-normal around those. ' +
      'Time runs 10× faster than on real outlets (hot ≈ every 2.5 min, quiet ≈ every 5 h). ' +
      `sitrep: one worker, adaptive polling between 6 s and 6 min (real: 1 min … 1 h), \`polling.perHost\` 2, \`pipeline.concurrency.poll\` 128, fetch timeout 10 s. ` +
      `Naive bot: \`bench/naive-bot.ts --urls\`, round robin at sitrep's measured request rate, 10 s timeout, no conditional GET. ` +
      `Window: items published on each feed at its own rate for ${PUBLISH_S} s, measured for ${WINDOW_S} s after the first pass (${QUICK ? '--quick' : 'full run'}).`,
    '',
    '| | sitrep | naive bot | sitrep / naive |',
    '|---|---|---|---|',
    `| first pass over all feeds | ${secs(s.warmMs)} | ${secs(n.warmMs)} | |`,
    `| items published in the window | ${s.published} | ${n.published} | |`,
    `| alerted within the window | ${alerted(s)} | ${alerted(n)} | |`,
    `| publish → alert p50 / p95 / p99 | ${pct(s)} | ${pct(n)} | ${p50Ratio(percentile(s.latencies, 50), percentile(n.latencies, 50))} |`,
    `| requests per hour | ${Math.round(sRate * 3600).toLocaleString('en-US')} | ${Math.round(nRate * 3600).toLocaleString('en-US')} | ${(sRate / nRate).toPrecision(2)}× |`,
    `| bytes fetched in the window | ${mb(s.bytes)} | ${mb(n.bytes)} | ${(s.bytes / Math.max(1, n.bytes)).toPrecision(2)}× |`,
  ].join('\n');
}
