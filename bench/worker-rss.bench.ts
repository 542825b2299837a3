/**
 * Worker memory by number of feeds: a local farm of N feeds × 20 items, one worker polling
 * every feed every 30 s (pinned), through the first fetch of every feed and 15 s of steady
 * polling; peak resident set size sampled from /proc every 200 ms. The worker is what
 * production runs: the Dockerfile's CMD (V8 flags, `bin/sitrep.js start`) on the compiled
 * dist/, built first.
 * `RSS_FEEDS=1000,5000` chooses the farm sizes.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { startWorker } from '../test/chaos/harness/worker-process.js';
import { deletePrefix } from '../test/support/test-redis.js';
import { offTopicItem, startFeedFarm } from './feed-farm.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function peakRss(feeds: number): Promise<{ peak: number; firstPassMs: number }> {
  const prefix = `sitrep-bench-${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-rss-'));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const at = Date.now() - 3_600_000;
  const farm = await startFeedFarm(feeds, (f) =>
    Array.from({ length: 20 }, (_, i) =>
      offTopicItem(`${prefix}-${f}-${i}`, f * 20 + i, new Date(at - i * 60_000)),
    ),
  );
  const configPath = path.join(dir, 'rss.yml');
  writeFileSync(
    configPath,
    stringify({
      // info: the "sitrep worker started" line tells the harness the worker runs.
      logLevel: 'info',
      redis: { url: redisUrl, prefix },
      http: { enabled: false },
      polling: { minInterval: '30s', perHost: 32 },
      feeds: Array.from({ length: feeds }, (_, i) => ({
        id: `m-${i}`,
        url: farm.urlOf(i),
        interval: '30s',
      })),
    }),
  );
  const worker = startWorker({ configPath, compiled: true });
  const sampler = setInterval(() => worker.sample(), 200);
  try {
    await worker.ready(60_000);
    const t0 = Date.now();
    while (farm.counts.ok < feeds && Date.now() - t0 < 600_000) await sleep(200);
    const firstPassMs = Date.now() - t0;
    await sleep(15_000);
    worker.sample();
    return { peak: worker.peakRss, firstPassMs };
  } finally {
    clearInterval(sampler);
    await worker.kill('SIGTERM');
    await deletePrefix(redis, prefix);
    redis.disconnect();
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SIZES = (process.env.RSS_FEEDS ?? '1000,10000').split(',').map(Number);

export async function run(): Promise<string> {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  const rows: string[] = [];
  for (const n of SIZES) {
    const r = await peakRss(n);
    rows.push(
      `| ${n.toLocaleString('en-US')} | ${Math.round(r.peak / 1024 / 1024)} MB | ${(r.firstPassMs / 1000).toFixed(1)} s |`,
    );
  }
  return [
    '## Worker memory by number of feeds (issue 14)',
    '',
    'One worker as the image runs it (the Dockerfile CMD, `node --max-semi-space-size=8 --heap-growing-percent=50 bin/sitrep.js start`: the compiled dist/, built first; the other end-to-end benches run tsx on the sources, which costs ~50 MB more; docs/SCALING.md, "Worker memory"), a local farm of N feeds × 20 off-topic items, every feed pinned to a 30 s interval; peak RSS over the first fetch of every feed and 15 s of steady polling.',
    '',
    '| feeds | worker peak RSS | first fetch of every feed |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}
