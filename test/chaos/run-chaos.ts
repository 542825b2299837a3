/**
 * `npm run chaos`: the full chaos runs (docs/RELIABILITY.md). Each scenario starts real worker
 * processes against Redis, a local feed server and a fake chat API, does its damage and checks
 * that every incident reached the chat API exactly once, each change announced once in its
 * thread, and the workers' log stayed JSON (or, for hostile feeds, that the worker stayed up
 * and bounded). Exit code 1 when any check fails.
 *
 *   npm run chaos -- [--scenario NAME]... [--items N] [--kills K] [--fail-rate R]
 *                    [--applied-fail-rate R] [--workers W] [--redis-restarts R]
 *                    [--bomb-mb MB] [--seed S] [--json]
 */
import { parseArgs } from 'node:util';
import { runDeliveryChaos, type DeliveryRunReport } from './harness/delivery-run.js';
import { deliveryProblems } from './harness/delivery-problems.js';
import { runHostileFeeds } from './harness/hostile-run.js';

const SCENARIOS = [
  'crash',
  'chat-failures',
  'after-post',
  'redis',
  'updates',
  'scale',
  'hostile',
] as const;
type Scenario = (typeof SCENARIOS)[number];

const HELP = `usage: npm run chaos -- [options]

  --scenario NAME    one of ${SCENARIOS.join(', ')} (repeatable; default: all)
  --items N          incidents published per delivery scenario (default 40)
  --kills K          SIGKILLs of a worker at random moments (default 8)
  --fail-rate R      share of chat API calls failing with 500/429 in chat-failures (default 0.3)
  --applied-fail-rate R
                     share of posts, edits and replies the chat API applies and then answers
                     500 in updates (default 0.3)
  --workers W        worker processes in the scale scenario (default 2)
  --redis-restarts R Redis kill+restart cycles in the redis scenario (default 3)
  --bomb-mb MB       decompressed size of the gzip bomb (default 1024)
  --seed S           seed of the random moments (default: the time)
  --chat slack|fake  slack (default): the real \`sitrep start\` with the Slack front end against
                     a fake Slack Web API; fake: the test entry with a JSON chat API
  --json             one JSON report per scenario instead of text`;

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', multiple: true },
    items: { type: 'string', default: '40' },
    kills: { type: 'string', default: '8' },
    'fail-rate': { type: 'string', default: '0.3' },
    'applied-fail-rate': { type: 'string', default: '0.3' },
    workers: { type: 'string', default: '2' },
    'redis-restarts': { type: 'string', default: '3' },
    'bomb-mb': { type: 'string', default: '1024' },
    seed: { type: 'string' },
    chat: { type: 'string', default: 'slack' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const items = Number(values.items);
const kills = Number(values.kills);
const seed = values.seed === undefined ? Date.now() : Number(values.seed);
const log = (line: string) => process.stderr.write(`  ${line}\n`);
const chat = values.chat === 'fake' ? ('fake' as const) : ('slack' as const);

function deliveryVerdict(name: string, r: DeliveryRunReport): boolean {
  const problems = deliveryProblems(r);
  const ok = problems.length === 0;
  if (values.json) process.stdout.write(`${JSON.stringify({ scenario: name, ok, ...r })}\n`);
  else
    process.stdout.write(
      `${ok ? 'PASS' : 'FAIL'} ${name}: ${r.delivered}/${r.expected} incidents delivered, ` +
        `${r.missing.length} missing, ${r.duplicated.length} duplicated, ${r.itemsTwice} items processed twice; ` +
        `${r.announcements.replies} thread replies, ${r.announcements.repeated.length} changes repeated; ` +
        `${r.kills} kills, ${r.redisRestarts} Redis restarts, ${r.chatFailures} chat failures, ` +
        `${r.appliedFailures} calls applied then answered 500, ` +
        `${r.workerStarts} worker starts, posts per worker [${r.postsPerWorker.join(', ')}]; ` +
        `log: ${r.logs.lines} lines, ${r.logs.nonJson} not JSON, ${r.logs.outageWarnings} "connection lost", ` +
        `${r.logs.reconnects} "back"; ` +
        (r.deliverMs > 0
          ? `last alert ${(r.deliverMs / 1000).toFixed(1)} s after the last item was published; `
          : '') +
        `peak worker RSS ${mb(r.peakRssBytes)}; ${(r.durationMs / 1000).toFixed(0)} s\n` +
        (ok
          ? ''
          : problems.map((p) => `  ${p}\n`).join('') +
            `  failed jobs: ${r.failedJobs.join('; ') || 'none'}; pending: ${JSON.stringify(r.pendingJobs)}\n`),
    );
  return ok;
}

async function run(s: Scenario): Promise<boolean> {
  process.stderr.write(`chaos: ${s} (seed ${seed})\n`);
  const base = { chat, items, seed, log };
  switch (s) {
    case 'crash':
      return deliveryVerdict(s, await runDeliveryChaos({ ...base, kills }));
    case 'chat-failures':
      return deliveryVerdict(
        s,
        await runDeliveryChaos({ ...base, kills, failRate: Number(values['fail-rate']) }),
      );
    case 'after-post':
      return deliveryVerdict(s, await runDeliveryChaos({ ...base, kills, killAfterPost: true }));
    case 'redis':
      return deliveryVerdict(
        s,
        await runDeliveryChaos({
          ...base,
          kills: 0,
          redisRestarts: Number(values['redis-restarts']),
          logLevel: 'info', // the "back" line is at info
        }),
      );
    case 'updates':
      // Three outlets report each incident at once (versions milliseconds apart, routed to two
      // channels) while the chat API keeps a share of posts, edits and replies but answers 500,
      // and Redis is killed and restarted.
      return deliveryVerdict(
        s,
        await runDeliveryChaos({
          ...base,
          kills: 0,
          reports: 3,
          feeds: 3,
          routes: 2,
          appliedFailRate: Number(values['applied-fail-rate']),
          redisRestarts: Number(values['redis-restarts']),
          logLevel: 'info',
        }),
      );
    case 'scale': {
      // The JSON fake chat API knows which worker made each post (Slack requests do not say).
      const base = {
        chat: 'fake' as const,
        items: items * 5,
        kills: 0,
        seed,
        log,
        feeds: 8,
        publishAtOnce: true,
      };
      const one = deliveryVerdict('scale (1 worker)', await runDeliveryChaos(base));
      const workers = Number(values.workers);
      const many = deliveryVerdict(
        `scale (${workers} workers)`,
        await runDeliveryChaos({ ...base, workers }),
      );
      const killed = deliveryVerdict(
        `scale (${workers} workers, ${kills} kills)`,
        await runDeliveryChaos({ ...base, workers, kills, publishAtOnce: false }),
      );
      return one && many && killed;
    }
    case 'hostile': {
      const r = await runHostileFeeds({ bombBytes: Number(values['bomb-mb']) * 1024 * 1024 });
      const wrong = r.rows.filter((row) =>
        row.expect === 'ok'
          ? row.health.status !== 'ok'
          : row.health.lastErrorReason !== row.expect,
      );
      const ok =
        r.workerAlive &&
        wrong.length === 0 &&
        r.goodDelivered === r.goodExpected &&
        r.leakedItems + r.leakedAlerts === 0;
      if (values.json) process.stdout.write(`${JSON.stringify({ scenario: s, ok, ...r })}\n`);
      else {
        process.stdout.write(
          `${ok ? 'PASS' : 'FAIL'} hostile: worker ${r.workerAlive ? 'up' : 'DOWN'}, peak RSS ${mb(r.peakRssBytes)}, ` +
            `good feed ${r.goodDelivered}/${r.goodExpected}, leaks: ${r.leakedItems} items ${r.leakedAlerts} alerts, ` +
            `${r.manySeen} items read from the 100,000-item feed\n`,
        );
        for (const row of r.rows)
          process.stdout.write(
            `  ${row.id.padEnd(14)} ${row.what.padEnd(48)} ${row.health.status.padEnd(8)} ${row.health.lastError ?? ''}\n`,
          );
      }
      return ok;
    }
  }
}

if (values.help) {
  process.stdout.write(`${HELP}\n`);
} else {
  const chosen = (values.scenario ?? [...SCENARIOS]) as Scenario[];
  const unknown = chosen.filter((c) => !SCENARIOS.includes(c));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario ${unknown.join(', ')}\n${HELP}\n`);
    process.exitCode = 2;
  } else {
    let ok = true;
    for (const s of chosen) ok = (await run(s)) && ok;
    process.exitCode = ok ? 0 : 1;
  }
}
