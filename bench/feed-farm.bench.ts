/**
 * End to end: a local farm of feeds (FARM_FEEDS × 20 items, 10 % on topic) through a worker
 * process on the real pipeline and Redis, alerts to a fake chat API; then the same farm through
 * a naive sequential bot (bench/naive-bot.ts) as the baseline. FARM_FEEDS defaults to 1000.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { stringify } from 'yaml';
import { QUEUES } from '../src/queue/jobs.js';
import { startFakeChat, type FakeChat } from '../test/chaos/harness/fake-chat-server.js';
import { chaosIncidents } from '../test/chaos/harness/incidents.js';
import { startWorker } from '../test/chaos/harness/worker-process.js';
import { deletePrefix } from '../test/support/test-redis.js';
import { farmItems, routeToBenchChannel, startFeedFarm, type FeedFarm } from './feed-farm.js';

const FEEDS = Number(process.env.FARM_FEEDS ?? 1000);
const NEW_ITEMS = Math.min(100, FEEDS);
const STEADY_SECONDS = 10;
/**
 * Pinned interval of the steady phase: every feed due ten times a second, a demand above what
 * either bot can poll, so the phase measures how many polls per second sitrep can carry rather
 * than how many the farm asks for.
 */
const STEADY_INTERVAL_MS = 100;
/** Poll interval of the cold phase: every feed fetched once, without re-polls competing. */
const COLD_INTERVAL = '60s';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : 'n/a');
const rate = (n: number, millis: number) => Math.round(n / (millis / 1000)).toLocaleString('en-US');

async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Publishes one new on-topic incident in each of NEW_ITEMS feeds spread evenly over the farm
 * (every tenth of 1,000), so that neither bot sees them all at one point of its polling cycle:
 * the naive loop fetches feeds in order, and sitrep's feeds are polled at phases in feed order.
 * Burst 1 publishes the next NEW_ITEMS incidents (other days, so they cluster apart from burst
 * 0's) half a stride further on (the same feeds when the farm has under 2 × NEW_ITEMS feeds).
 */
function publishNew(farm: FeedFarm, run: string, burst: 0 | 1): { links: string[]; at: number } {
  const items = chaosIncidents(NEW_ITEMS * (burst + 1), run).slice(NEW_ITEMS * burst);
  const stride = Math.floor(FEEDS / NEW_ITEMS);
  const offset = burst * Math.floor(stride / 2);
  items.forEach((item, i) => farm.publish(i * stride + offset, [item]));
  return { links: items.map((i) => i.link), at: Date.now() };
}

/** Pause between the two bursts of the latency phase. */
const BETWEEN_BURSTS_MS = 3000;

/** What one burst gave: per delivered incident, ms from its first poll and from its publish. */
interface Burst {
  fromPoll: number[];
  fromPublish: number[];
  delivered: number;
}

/** The latency phase's two bursts, BETWEEN_BURSTS_MS apart; `burst(n)` publishes and measures. */
async function twoBursts(
  burst: (n: 0 | 1) => Promise<Burst>,
): Promise<{ first: Burst; later: Burst }> {
  const first = await burst(0);
  await sleep(BETWEEN_BURSTS_MS);
  return { first, later: await burst(1) };
}

/** p50 / p95 / p99 of a burst's latencies. */
const percentiles = (v: number[]) => [50, 95, 99].map((p) => ms(percentile(v, p))).join(' / ');

interface Figures {
  coldMs: number;
  /** sitrep only: the cold start of its default config (first fetch silent). */
  silentColdMs?: number;
  steadyPolls: number;
  steady304: number;
  /** The first burst after the worker's restart (its extraction code not yet run). */
  first: Burst;
  /** A later burst, once the first is alerted: what a long-running worker does. */
  later: Burst;
  peakRss?: number;
}

/** One sitrep run's farm, Redis key prefix, scratch directory and config file. */
async function sitrepRun(redisUrl: string) {
  const run = randomBytes(4).toString('hex');
  const prefix = `sitrep-bench-${run}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-bench-'));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const farm = await startFeedFarm(FEEDS, farmItems(run));
  return {
    run,
    prefix,
    redis,
    farm,
    configPath: path.join(dir, 'bench.yml'),
    /** Writes the config: logs, Redis and these polling settings over every farm feed pinned. */
    writeConfig(interval: string, polling: object, extra: object = {}) {
      writeFileSync(
        this.configPath,
        stringify({
          logLevel: 'warn',
          redis: { url: redisUrl, prefix },
          http: { enabled: false },
          polling: { minInterval: interval, maxItemAge: '30d', perHost: 32, ...polling },
          ...extra,
          // Pinned intervals: every feed polled at exactly this rate (no adaptation).
          feeds: Array.from({ length: FEEDS }, (_, i) => ({
            id: `farm-${i}`,
            url: farm.urlOf(i),
            interval,
          })),
        }),
      );
    },
    async close() {
      await deletePrefix(redis, prefix);
      redis.disconnect();
      await farm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A cold start as sitrep runs it by default (`polling.alertOnFirstFetch: false`): every feed
 * fetched once and its items recorded as seen, nothing matched or alerted, like the naive bot's
 * first pass. Milliseconds from the first feed answer until every feed is recorded.
 */
async function silentColdMs(redisUrl: string): Promise<number> {
  const bench = await sitrepRun(redisUrl);
  const { prefix, redis, farm, configPath } = bench;
  bench.writeConfig(COLD_INTERVAL, {});
  const worker = startWorker({ configPath });
  try {
    await worker.ready(60_000);
    // Every feed answered and handed back to the schedule (its items recorded first).
    await until(
      async () =>
        farm.counts.ok >= FEEDS &&
        (await redis.zcard(`${prefix}:schedule:lease`)) === 0 &&
        (await redis.zcard(`${prefix}:schedule:due`)) === FEEDS,
      300_000,
    );
    return Date.now() - Math.min(...farm.firstServed.values());
  } finally {
    await worker.kill('SIGTERM');
    await bench.close();
  }
}

/**
 * sitrep's cold start, steady and latency phases. `latencyOnly`: a silent cold start (only to
 * record the farm's items) and no steady phase (`latency()` below).
 */
async function runSitrep(latencyOnly = false): Promise<Figures> {
  const bench = await sitrepRun(REDIS_URL);
  const { run, prefix, redis, farm, configPath } = bench;
  const chat: FakeChat = await startFakeChat();
  // The farm is one local server standing in for many outlets (perHost 32, sitrepRun).
  const writeConfig = (interval: string, alerting = true) =>
    bench.writeConfig(
      interval,
      { alertOnFirstFetch: alerting },
      {
        delivery: {
          // One channel stands in for many destinations: no rate limit the pipeline meets, and
          // as many deliveries at once as items jobs (pipeline.concurrency.items).
          concurrency: 16,
          perDestinationInterval: '5ms',
          rateLimit: { max: 1000, per: '1s' },
          burstThreshold: 1_000_000,
        },
      },
    );
  writeConfig(COLD_INTERVAL, !latencyOnly);
  await routeToBenchChannel(redis, prefix);
  const queues = Object.values(QUEUES)
    .filter((q) => q !== QUEUES.digests)
    .map((name) => new Queue(name, { connection: redis, prefix }));
  const idle = async () => {
    for (const q of queues) {
      const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(c).some((n) => n > 0)) return false;
    }
    return true;
  };
  let worker = startWorker({ configPath, chatUrl: chat.url });
  let peakRss = 0;
  const sampler = setInterval(() => {
    worker.sample();
    peakRss = Math.max(peakRss, worker.peakRss);
  }, 200);
  try {
    await worker.ready(60_000);
    await until(async () => farm.counts.ok >= FEEDS && (await idle()), 900_000);
    const coldMs = Date.now() - Math.min(...farm.firstServed.values());
    // The steady and latency phases each restart the worker with every feed pinned to one
    // interval; each feed's next poll was set ahead by the phase before: every feed due now.
    const restart = async (interval: string) => {
      await worker.kill('SIGTERM');
      await redis.del(`${prefix}:schedule:due`, `${prefix}:schedule:lease`);
      writeConfig(interval);
      worker = startWorker({ configPath, chatUrl: chat.url });
      await worker.ready(60_000);
      await sleep(3000);
    };
    let steadyPolls = 0;
    let steady304 = 0;
    if (!latencyOnly) {
      await restart(`${STEADY_INTERVAL_MS}ms`);
      farm.counts.ok = 0;
      farm.counts.notModified = 0;
      await sleep(STEADY_SECONDS * 1000);
      steadyPolls = farm.counts.ok + farm.counts.notModified;
      steady304 = farm.counts.notModified;
    }
    await restart('1s');
    // The restart made every feed due at once, so all would be polled in step, each publish
    // waiting the same draw of 0-1 s. Feeds added over time are polled at spread phases: spread
    // them over the second in feed order, as the naive loop's one pass spreads its fetches.
    const [secs, micros] = (await redis.time()) as [number | string, number | string];
    const now = Number(secs) * 1000 + Math.floor(Number(micros) / 1000);
    const spread = redis.pipeline();
    for (let i = 0; i < FEEDS; i += 1)
      spread.zadd(
        `${prefix}:schedule:due`,
        'XX',
        now + Math.floor((i * 1000) / FEEDS),
        `farm-${i}`,
      );
    await spread.exec();
    await sleep(2000);
    const burst = async (n: 0 | 1): Promise<Burst> => {
      const fresh = publishNew(farm, `${run}-new`, n);
      await until(() => fresh.links.every((l) => chat.postsPerKey('C-BENCH').has(l)), 120_000);
      const postedAt = new Map<string, number>();
      for (const c of chat.calls)
        if (c.op === 'post') for (const k of c.keys) if (!postedAt.has(k)) postedAt.set(k, c.at);
      const got = fresh.links.filter((l) => postedAt.has(l));
      return {
        fromPoll: got.map((l) => (postedAt.get(l) ?? 0) - (farm.firstServed.get(l) ?? 0)),
        fromPublish: got.map((l) => (postedAt.get(l) ?? 0) - fresh.at),
        delivered: got.length,
      };
    };
    return {
      coldMs,
      steadyPolls,
      steady304,
      ...(await twoBursts(burst)),
      peakRss: Math.max(peakRss, worker.peakRss),
    };
  } finally {
    clearInterval(sampler);
    await worker.kill('SIGTERM');
    await Promise.all(queues.map((q) => q.close()));
    await chat.close();
    await bench.close();
  }
}

/** The naive bot over the farm's feeds for `seconds` after its first pass (0: that pass only). */
function spawnNaiveBot(farm: FeedFarm, seconds: number) {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(HERE, 'naive-bot.ts'), farm.base, String(FEEDS), String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

async function runNaive(): Promise<Figures> {
  const run = randomBytes(4).toString('hex');
  const farm = await startFeedFarm(FEEDS, farmItems(run));
  const bot = spawnNaiveBot(farm, 600);
  const passes: { pass: number; items: number }[] = [];
  const alerts = new Map<string, { fetchedAt: number; at: number }>();
  let rest = '';
  bot.stdout.setEncoding('utf8');
  bot.stdout.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const r = JSON.parse(line) as {
        pass?: number;
        items?: number;
        alert?: string;
        fetchedAt?: number;
        at?: number;
      };
      if (r.pass !== undefined) passes.push({ pass: r.pass, items: r.items ?? 0 });
      if (r.alert) alerts.set(r.alert, { fetchedAt: r.fetchedAt ?? 0, at: r.at ?? 0 });
    }
  });
  try {
    await until(() => passes.length >= 1, 600_000);
    const coldMs = passes[0]?.pass ?? NaN;
    farm.counts.ok = 0;
    farm.counts.notModified = 0;
    await sleep(STEADY_SECONDS * 1000);
    const steadyPolls = farm.counts.ok + farm.counts.notModified;
    const steady304 = farm.counts.notModified;
    const burst = async (n: 0 | 1): Promise<Burst> => {
      const fresh = publishNew(farm, `${run}-new`, n);
      await until(() => fresh.links.every((l) => alerts.has(l)), 120_000);
      const got = fresh.links.filter((l) => alerts.has(l));
      return {
        fromPoll: got.map((l) => (alerts.get(l)?.at ?? 0) - (alerts.get(l)?.fetchedAt ?? 0)),
        fromPublish: got.map((l) => (alerts.get(l)?.at ?? 0) - fresh.at),
        delivered: got.length,
      };
    };
    return { coldMs, steadyPolls, steady304, ...(await twoBursts(burst)) };
  } finally {
    bot.kill('SIGKILL');
    await farm.close();
  }
}

export async function run(): Promise<string> {
  const silent = await silentColdMs(REDIS_URL);
  const s = { ...(await runSitrep()), silentColdMs: silent };
  const n = await runNaive();
  const items = FEEDS * 20;
  const row = (label: string, a: string, b: string, ratio = '') =>
    `| ${label} | ${a} | ${b} | ${ratio} |`;
  const x = (a: number, b: number) => (b > 0 ? `${Number((a / b).toPrecision(2))}×` : '');
  const latencyRows = (label: string, a: Burst, b: Burst) => [
    row(
      `${label}: new incidents alerted`,
      `${a.delivered}/${NEW_ITEMS}`,
      `${b.delivered}/${NEW_ITEMS}`,
    ),
    row(
      `${label}: first poll → alert p50 / p95 / p99`,
      percentiles(a.fromPoll),
      percentiles(b.fromPoll),
    ),
    row(
      `${label}: publish → alert p50 / p95 / p99`,
      percentiles(a.fromPublish),
      percentiles(b.fromPublish),
      `${x(percentile(a.fromPublish, 50), percentile(b.fromPublish, 50))} (p50)`,
    ),
  ];
  const sPolls = s.steadyPolls / STEADY_SECONDS;
  const nPolls = n.steadyPolls / STEADY_SECONDS;
  return [
    '## End to end: instant feed farm (issues 8, 14)',
    '',
    `${FEEDS.toLocaleString('en-US')} local feeds × 20 items (10 % on topic: troop-presence politics; the rest ordinary news) on one HTTP server with ETags. ` +
      'sitrep: one worker process (`sitrep start` wiring, tsx) on the real pipeline (poll schedule in Redis, BullMQ queues for items, alerts and deliveries) and the local Redis. Two cold starts, each every feed fetched once, timed from the first feed answer: with the default `polling.alertOnFirstFetch: false` (items recorded as seen, nothing matched: the same work as the first pass of the naive bot, which parses and does not filter; until every feed is recorded), and with `alertOnFirstFetch: true` (every item matched, the on-topic ones clustered and routed; until every queue is empty); ' +
      `then restarted with every feed pinned to a ${STEADY_INTERVAL_MS} ms interval for the steady phase (demand: ${((FEEDS * 1000) / STEADY_INTERVAL_MS).toLocaleString('en-US')} polls/s, more than either bot can poll, so it measures capacity) and again with a 1 s interval (demand: ${FEEDS.toLocaleString('en-US')} polls/s) for the latency phase; \`pipeline.concurrency.poll\` 32 (default), \`polling.perHost\` 32 (one local server stands in for many outlets); alerts to one channel on a fake chat API ` +
      '(5 ms pacing, no burst digests, 16 deliveries at once: the channel stands in for many). Baseline: `bench/naive-bot.ts`, a loop that fetches every feed without conditional GET, parses it with rss-parser and keeps keyword hits. ' +
      `Latency: ${NEW_ITEMS} new on-topic incidents published at once, one per feed in every ${Math.floor(FEEDS / NEW_ITEMS)}th feed, after the steady phase; sitrep's feeds polled at phases spread over the second (the restart had put them in step). ` +
      `Then, ${BETWEEN_BURSTS_MS / 1000} s after the first burst was alerted, a second burst of ${NEW_ITEMS} other incidents in the feeds between: sitrep's first burst is the first work of a worker just restarted (its extraction and clustering code run for the first time; the naive bot is not restarted), its second is what a worker that has just alerted meets: together they bound what a long-running worker meets, V8 having partly dropped its code while the worker was quiet.`,
    '',
    '| | sitrep | naive bot | sitrep / naive |',
    '|---|---|---|---|',
    row(
      'cold, first fetch silent (sitrep default; the naive first pass): items/s',
      rate(items, s.silentColdMs ?? NaN),
      rate(items, n.coldMs),
      x(items / (s.silentColdMs ?? NaN), items / n.coldMs),
    ),
    row(
      'cold, first fetch alerting: all items fetched and processed',
      `${(s.coldMs / 1000).toFixed(1)} s`,
      `${(n.coldMs / 1000).toFixed(1)} s`,
    ),
    row(
      'cold, first fetch alerting: items/s processed',
      rate(items, s.coldMs),
      rate(items, n.coldMs),
      x(items / s.coldMs, items / n.coldMs),
    ),
    row(
      `steady: polls/s (${STEADY_SECONDS} s, nothing new)`,
      `${sPolls.toFixed(0)} (${Math.round((100 * s.steady304) / Math.max(1, s.steadyPolls))} % 304)`,
      `${nPolls.toFixed(0)} (no conditional GET)`,
      x(sPolls, nPolls),
    ),
    ...latencyRows('first burst after the restart', s.first, n.first),
    ...latencyRows('a later burst', s.later, n.later),
    row('worker peak RSS', `${Math.round((s.peakRss ?? 0) / 1024 / 1024)} MB`, '—'),
    '',
    "The alerting cold start matches every item, clusters the on-topic ones into incidents and routes their alerts (the bench channel takes `topic:militia-attacks` only, so its troop-presence incidents are routed to no channel and nothing is posted; the latency phase's incidents are attacks and are posted): its 2,000 on-topic items make 8 incidents of 250 reports each, every report rewriting its incident (~120 KB at the end). The naive bot's first pass only parses. " +
      `Steady polls/s: the naive loop runs flat out; sitrep polls what its schedule makes due (${((FEEDS * 1000) / STEADY_INTERVAL_MS).toLocaleString('en-US')}/s, above its capacity), with conditional GETs. In the latency phase (every feed due each second) a poll comes on average half a second after a publish when every poll is on time, which the publish → first poll delay (publish → alert minus first poll → alert) shows: so with a 1 s interval sitrep's publish → alert p50 cannot be under 500 ms, however fast the rest, while the naive loop, passing over every feed every ~${Math.round((FEEDS * 1000) / nPolls)} ms at its steady rate, waits about half that. ` +
      '"first poll → alert" for the naive bot is its own parse and filter time (it has no queue, no dedupe across outlets, no clustering); publish → alert is what a reader sees.',
  ].join('\n');
}

/**
 * sitrep's latency phase alone, for work on latency (~20 s instead of the whole farm's ~60 s):
 * `npx tsx -e "import('./bench/feed-farm.bench.ts').then(m=>m.latency()).then(console.log)"`.
 * Not part of `npm run bench`: no naive bot, and the worker before the restart only recorded
 * the farm's items, so the restarted worker has none of the 8 large open incidents the whole
 * bench's alerting cold start leaves: compare its figures with each other, not with the bench's.
 */
export async function latency(): Promise<string> {
  const s = await runSitrep(true);
  return (['first', 'later'] as const)
    .map(
      (b) =>
        `${b} burst: ${s[b].delivered}/${NEW_ITEMS} alerted; publish → first poll ${percentiles(s[b].fromPublish.map((v, i) => v - (s[b].fromPoll[i] ?? 0)))}; first poll → alert ${percentiles(s[b].fromPoll)}; publish → alert ${percentiles(s[b].fromPublish)}`,
    )
    .join('\n');
}

/** The naive bot's first pass over a farm of its own, alone (its bench run goes on for minutes). */
async function naiveFirstPassMs(): Promise<number> {
  const farm = await startFeedFarm(FEEDS, farmItems(randomBytes(4).toString('hex')));
  const bot = spawnNaiveBot(farm, 0);
  let out = '';
  let closed = false;
  bot.stdout.setEncoding('utf8');
  bot.stdout.on('data', (chunk: string) => (out += chunk));
  // 'close', not 'exit': the bot's output is read to the end.
  bot.once('close', () => (closed = true));
  try {
    await until(() => closed, 600_000);
    const line = out.split('\n', 1)[0];
    return line ? ((JSON.parse(line) as { pass?: number }).pass ?? NaN) : NaN;
  } finally {
    bot.kill('SIGKILL');
    await farm.close();
  }
}

/**
 * The silent cold start alone, for work on it (~10 s a pair instead of the whole farm's ~60 s):
 * sitrep's and the naive bot's first pass in turn, `pairs` times, so that the machine's load
 * falls on both alike. Not part of `npm run bench` (its figures are the same rows' spread).
 * `npx tsx -e "import('./bench/feed-farm.bench.ts').then(m=>m.coldStart(3)).then(console.log)"`
 */
export async function coldStart(pairs = 3): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const s = await silentColdMs(REDIS_URL);
    const n = await naiveFirstPassMs();
    lines.push(
      `silent cold start: sitrep ${ms(s)}, naive bot's first pass ${ms(n)}; sitrep / naive items/s ${(n / s).toFixed(2)}× (target ≥ 1×)`,
    );
  }
  return lines.join('\n');
}

/** CPU time (user + system, all threads) a process has used so far, in ms (Linux /proc). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (name)
  return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
}

/**
 * What a poll that gets 304 costs: the farm's feeds pinned to 1 s (1,000 polls a second) after a
 * silent cold start, the worker's and Redis's CPU over 10 s divided by the polls answered. Needs
 * Linux and Redis as a process on this machine (its pid from INFO; not in a container). A work loop for the poll path (docs/SCALING.md):
 * `npx tsx -e "import('./bench/feed-farm.bench.ts').then(m=>m.pollCost(3)).then(console.log)"`
 */
export async function pollCost(runs = 3): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < runs; i += 1) {
    const bench = await sitrepRun(REDIS_URL);
    const { redis, farm, configPath } = bench;
    bench.writeConfig('1s', {});
    const worker = startWorker({ configPath });
    try {
      await worker.ready(60_000);
      await until(() => farm.counts.ok >= FEEDS, 300_000);
      await sleep(4000);
      const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1]);
      const before = {
        polls: farm.counts.notModified,
        w: cpuMsOf(worker.pid),
        r: cpuMsOf(redisPid),
      };
      const started = Date.now();
      await sleep(10_000);
      const polls = farm.counts.notModified - before.polls;
      const per = (cpu: number) => `${Math.round((cpu * 1000) / polls)} µs`;
      lines.push(
        `304 polls: ${Math.round(polls / ((Date.now() - started) / 1000))}/s; CPU per poll: worker ${per(cpuMsOf(worker.pid) - before.w)}, Redis ${per(cpuMsOf(redisPid) - before.r)}`,
      );
    } finally {
      await worker.kill('SIGTERM');
      await bench.close();
    }
  }
  return lines.join('\n');
}
