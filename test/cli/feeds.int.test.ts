/**
 * `sitrep feeds` as a user runs it: the real CLI in a child process, on the real Redis under a
 * key prefix of its own (named in a SITREP_CONFIG file), reading what a worker left there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedSchedule } from '../../src/queue/schedule/feed-schedule.js';
import { createRedisFeedStateStore } from '../../src/store/redis/redis-feed-state-store.js';
import { RedisRuntimeFeedStore } from '../../src/store/redis/redis-runtime-feed-store.js';
import { freePort } from '../support/websub-hub.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MIN = 60_000;

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sitrep(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...env, LOG_FORMAT: 'json' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('sitrep feeds', () => {
  let t: TestRedis;
  let dir: string;
  let env: Record<string, string>;
  let runtimeId: string;

  beforeAll(async () => {
    t = testRedis();
    dir = mkdtempSync(path.join(tmpdir(), 'sitrep-feeds-'));
    const configFile = path.join(dir, 'feeds.yml');
    writeFileSync(
      configFile,
      [
        'redis:',
        `  prefix: ${t.prefix}`,
        'feeds:',
        '  - { id: quiet, name: Quiet Wire, url: "https://quiet.example/rss.xml" }',
        '  - { id: broken, name: Broken Wire, url: "https://broken.example:8443/feed" }',
        '  - { id: fresh, name: Fresh Wire, url: "https://fresh.example/atom.xml" }',
        '  - { id: parked, url: "https://parked.example/rss", enabled: false }',
      ].join('\n'),
    );
    env = {
      SITREP_CONFIG: configFile,
      REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    };

    // What a worker leaves behind: one feed fine, one failing twice, one added at run time.
    const now = Date.now();
    const state = createRedisFeedStateStore(t.redis, t.prefix);
    await state.recordSuccess('quiet', {
      at: new Date(now - 2 * MIN),
      nextPollAt: new Date(now + 3 * MIN),
      newItems: 1,
    });
    for (const ago of [20, 8])
      await state.recordFailure('broken', {
        at: new Date(now - ago * MIN),
        nextPollAt: new Date(now + 12 * MIN),
        reason: 'http',
        message: 'HTTP 503 Service Unavailable',
      });
    const runtime = new RedisRuntimeFeedStore(t.redis, t.prefix);
    runtimeId = (
      await runtime.add({ url: 'https://added.example/feed', name: 'Added Wire' }, 'U1', new Date())
    ).id;
    const schedule = new FeedSchedule(t.redis, t.prefix);
    await schedule.sync(['quiet', 'broken', 'fresh', runtimeId]);
    // New feeds fall due a fraction of a millisecond apart: claim until all four are held.
    const tokens = new Map<string, string>();
    await waitFor(async () => {
      const claim = await schedule.claim(10, 10 * MIN);
      for (const id of claim.feedIds) tokens.set(id, claim.token);
      return tokens.size === 4;
    });
    const token = (feedId: string) => tokens.get(feedId) ?? '';
    await schedule.complete([
      { feedId: 'quiet', token: token('quiet'), delayMs: 3 * MIN },
      { feedId: 'broken', token: token('broken'), delayMs: 12 * MIN },
      { feedId: 'fresh', token: token('fresh'), delayMs: 0 },
    ]);
    // No worker claimed "fresh" for ten minutes (the runtime feed stays leased: being polled).
    await t.redis.zadd(
      `${t.prefix}:schedule:due`,
      (await schedule.snapshot()).now - 10 * MIN,
      'fresh',
    );
  });

  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints one JSON object per feed on stdout and the totals on stderr', async () => {
    const { code, stdout, stderr } = await sitrep(['feeds', '--json'], env);
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const byId = new Map(rows.map((r) => [r['id'], r]));
    expect([...byId.keys()]).toEqual(['quiet', 'broken', 'fresh', 'parked', runtimeId]);
    expect(byId.get('quiet')).toMatchObject({
      state: 'ok',
      url: 'https://quiet.example/rss.xml',
      consecutiveFailures: 0,
      polling: false,
      overdue: false,
    });
    expect(byId.get('quiet')).not.toHaveProperty('lastError');
    const broken = byId.get('broken') ?? {};
    expect(broken).toMatchObject({
      state: 'failing',
      consecutiveFailures: 2,
      lastError: 'HTTP 503 Service Unavailable',
      polling: false,
    });
    const retryIn = Date.parse(String(broken['nextPoll'])) - Date.now();
    expect(retryIn).toBeGreaterThan(10 * MIN);
    expect(retryIn).toBeLessThanOrEqual(12 * MIN);
    expect(Date.parse(String(broken['lastPoll']))).toBe(Date.parse(String(broken['lastErrorAt'])));
    expect(byId.get('fresh')).toMatchObject({ state: 'new', overdue: true, polling: false });
    expect(byId.get('parked')).toMatchObject({ state: 'disabled' });
    expect(byId.get('parked')).not.toHaveProperty('nextPoll');
    expect(byId.get(runtimeId)).toMatchObject({ state: 'new', polling: true, name: 'Added Wire' });
    expect(stderr.trim().split('\n')).toEqual([
      '5 feeds: 1 ok, 1 failing (next retry in 12m), 2 not polled yet, 1 disabled; ' +
        '1 overdue by more than a minute: is a worker running? (sitrep start)',
    ]);
  });

  it('prints a table with one row per feed and a totals line', async () => {
    const { code, stdout, stderr } = await sitrep(['feeds'], env);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^FEED +HOST +STATE +LAST POLL +FAILS +NEXT POLL +LAST ERROR$/);
    const row = (id: string) => lines.find((l) => l.startsWith(`${id} `)) ?? '';
    expect(row('quiet')).toMatch(/quiet\.example +ok +2m ago +0 +in 3m +-$/);
    expect(row('broken')).toMatch(
      /broken\.example:8443 +failing +8m ago +2 +retry in 12m +HTTP 503 Service Unavailable \(8m ago\)$/,
    );
    expect(row('fresh')).toMatch(/fresh\.example +not polled yet +- +0 +overdue 10m +-$/);
    expect(row('parked')).toMatch(/parked\.example +disabled +- +0 +- +-$/);
    expect(row(runtimeId)).toMatch(/added\.example +not polled yet +- +0 +polling now +-$/);
    expect(lines.at(-1)).toMatch(/^5 feeds: 1 ok, 1 failing \(next retry in 12m\)/);
  });

  it('says in one line, without a stack trace, that Redis is not reachable', async () => {
    const port = await freePort();
    const { code, stdout, stderr } = await sitrep(['feeds'], {
      ...env,
      REDIS_URL: `redis://127.0.0.1:${port}`,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `sitrep feeds: Redis is not reachable at redis://127.0.0.1:${port} ` +
        `(connect ECONNREFUSED 127.0.0.1:${port}): is the worker's Redis running? ` +
        '`sitrep start` starts a local one; REDIS_URL sets the address [REDIS_UNREACHABLE]',
    ]);
  });

  it('--help says what it prints', async () => {
    const { code, stdout } = await sitrep(['feeds', '--help'], env);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: sitrep feeds \[--json\]/);
  });
});
