/**
 * Redis cost of the pipeline, measured: `npx tsx bench/redis-commandstats.ts [--feeds N]`.
 * Starts a private redis-server (so other users of the shared one do not count), a local farm
 * and one worker, and reads INFO commandstats and INFO stats (network bytes) before and after
 * three phases: steady polls that get 304 (per poll), new off-topic items (per item), and new
 * on-topic incidents that each become an alert to a fake chat channel (per alert, the item's own
 * cost included). Prints a markdown table (docs/SCALING.md quotes it).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { RedisSubscriptionStore } from '../src/store/redis/redis-subscription-store.js';
import { startFakeChat } from '../test/chaos/harness/fake-chat-server.js';
import { chaosIncidents } from '../test/chaos/harness/incidents.js';
import { startWorker } from '../test/chaos/harness/worker-process.js';
import { offTopicItem, startFeedFarm } from './feed-farm.js';

const { values } = parseArgs({ options: { feeds: { type: 'string', default: '500' } } });
const FEEDS = Number(values.feeds);
const NEW = Math.min(100, FEEDS);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Snapshot {
  /** Redis CPU seconds (user + sys) so far. */
  cpu: number;
  calls: number;
  byCommand: Map<string, number>;
  bytesIn: number;
  bytesOut: number;
}

async function snapshot(redis: Redis): Promise<Snapshot> {
  const cmd = await redis.info('commandstats');
  const stats = await redis.info('stats');
  const cpuInfo = await redis.info('cpu');
  const cpuOf = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, 'm').exec(cpuInfo)?.[1] ?? 0);
  const byCommand = new Map<string, number>();
  for (const m of cmd.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    byCommand.set(m[1] ?? '', Number(m[2]));
  const num = (k: string) => Number(new RegExp(`^${k}:(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
  return {
    cpu: cpuOf('used_cpu_user') + cpuOf('used_cpu_sys'),
    calls: [...byCommand.values()].reduce((a, b) => a + b, 0),
    byCommand,
    bytesIn: num('total_net_input_bytes'),
    bytesOut: num('total_net_output_bytes'),
  };
}

function delta(a: Snapshot, b: Snapshot) {
  const top = [...b.byCommand]
    .map(([k, v]) => [k, v - (a.byCommand.get(k) ?? 0)] as const)
    .filter(([k, v]) => v > 0 && k !== 'info')
    .sort((x, y) => y[1] - x[1]);
  return {
    cpuMs: (b.cpu - a.cpu) * 1000,
    calls: b.calls - a.calls,
    bytes: b.bytesIn - a.bytesIn + (b.bytesOut - a.bytesOut),
    top,
  };
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const url = `redis://127.0.0.1:${port}`;
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined); // refused until the server has started
  for (let i = 0; i < 50 && (await redis.ping().catch(() => '')) !== 'PONG'; i += 1)
    await sleep(100);
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-cmdstats-'));
  const at = Date.now() - 86_400_000 * 2;
  const farm = await startFeedFarm(FEEDS, (f) =>
    Array.from({ length: 20 }, (_, i) =>
      offTopicItem(`old-${f}-${i}`, f * 20 + i, new Date(at - i * 60_000)),
    ),
  );
  const chat = await startFakeChat();
  const configPath = path.join(dir, 'stats.yml');
  writeFileSync(
    configPath,
    stringify({
      logLevel: 'warn',
      redis: { url, prefix: 'stats' },
      http: { enabled: false },
      polling: { minInterval: '1s', perHost: 32 },
      delivery: {
        perDestinationInterval: '5ms',
        rateLimit: { max: 1000, per: '1s' },
        burstThreshold: 1_000_000,
      },
      feeds: Array.from({ length: FEEDS }, (_, i) => ({
        id: `f-${i}`,
        url: farm.urlOf(i),
        interval: '2s',
      })),
    }),
  );
  await new RedisSubscriptionStore(redis, 'stats').create(
    {
      kind: 'route',
      ownerId: 'bench',
      destination: { platform: 'test', workspaceId: 'W', kind: 'channel', id: 'C-STATS' },
      query: 'topic:militia-attacks',
      mode: 'live',
    },
    new Date(),
  );
  const worker = startWorker({ configPath, chatUrl: chat.url });
  const rows: string[] = [];
  try {
    await worker.ready(60_000);
    while (farm.counts.ok < FEEDS) await sleep(200);
    await sleep(3000);
    // 1. Steady: every poll a 304.
    const polls0 = farm.counts.ok + farm.counts.notModified;
    const s0 = await snapshot(redis);
    await sleep(15_000);
    const s1 = await snapshot(redis);
    const polls = farm.counts.ok + farm.counts.notModified - polls0;
    const steady = delta(s0, s1);
    const perPoll = {
      calls: steady.calls / polls,
      bytes: steady.bytes / polls,
      cpuUs: (steady.cpuMs * 1000) / polls,
    };
    rows.push(
      `| poll (304) | ${perPoll.calls.toFixed(2)} | ${Math.round(perPoll.bytes)} | ${Math.round(perPoll.cpuUs)} | ${steady.top
        .slice(0, 4)
        .map(([k, v]) => `${k} ${(v / polls).toFixed(2)}`)
        .join(', ')} |`,
    );
    // 2. New off-topic items (one per feed for NEW feeds): dropped at poll time, remembered as seen.
    const phase = async (publish: () => void, done: () => boolean) => {
      const p0 = farm.counts.ok + farm.counts.notModified;
      const a = await snapshot(redis);
      publish();
      const t0 = Date.now();
      while (!done() && Date.now() - t0 < 120_000) await sleep(100);
      await sleep(2500);
      const b = await snapshot(redis);
      const n = farm.counts.ok + farm.counts.notModified - p0;
      const d = delta(a, b);
      return {
        calls: d.calls - n * perPoll.calls,
        bytes: d.bytes - n * perPoll.bytes,
        cpuUs: d.cpuMs * 1000 - n * perPoll.cpuUs,
        top: d.top,
      };
    };
    // Ten new off-topic items on every feed: enough items that the polls' own cost, subtracted
    // above, is small beside theirs.
    const offLinks: string[] = [];
    const off = await phase(
      () => {
        for (let f = 0; f < FEEDS; f += 1) {
          const items = Array.from({ length: 10 }, (_, k) =>
            offTopicItem(`new-${f}-${k}`, f * 10 + k, new Date()),
          );
          offLinks.push(...items.map((i) => i.link));
          farm.publish(f, items);
        }
      },
      () => offLinks.every((l) => farm.firstServed.has(l)),
    );
    const offItems = offLinks.length;
    rows.push(
      `| new off-topic item | ${(off.calls / offItems).toFixed(2)} | ${Math.round(off.bytes / offItems)} | ${Math.round(off.cpuUs / offItems)} | ${off.top
        .slice(0, 4)
        .map(([k, v]) => `${k} ${(v / offItems).toFixed(2)}`)
        .join(', ')} (per item, polls' share included) |`,
    );
    const incidents = chaosIncidents(NEW, 'stats');
    const on = await phase(
      () => incidents.forEach((item, i) => farm.publish(i, [item])),
      () => incidents.every((i) => chat.postsPerKey('C-STATS').has(i.link)),
    );
    rows.push(
      `| new on-topic item → incident → alert | ${(on.calls / NEW).toFixed(1)} | ${Math.round(on.bytes / NEW)} | ${Math.round(on.cpuUs / NEW)} | ${on.top
        .slice(0, 6)
        .map(([k, v]) => `${k} ${(v / NEW).toFixed(1)}`)
        .join(', ')} |`,
    );
  } finally {
    await worker.kill('SIGTERM');
    redis.disconnect();
    server.kill('SIGTERM');
    await chat.close();
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      `Redis cost per unit of work (${FEEDS} feeds, one worker, private redis-server; per-poll cost subtracted from the item rows):`,
      '',
      '| unit | commands | bytes (in + out) | Redis CPU µs | main commands per unit |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

await main();
process.exit(0);
