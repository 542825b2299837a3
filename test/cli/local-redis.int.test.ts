/**
 * `sitrep start` with nothing listening at a local REDIS_URL: with redis-server on the PATH it
 * starts a real one (own port, temp data folder, AOF on) and stops it on exit; without, it says
 * in one line how to get Redis and retries with a countdown (the test's own clock: no waiting).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ensureRedis,
  probeRedis,
  startLocalRedis,
  type LocalRedis,
} from '../../src/cli/local-redis.js';
import { captureLog } from '../support/capture-log.js';
import { waitFor } from '../support/wait-for.js';
import { freePort } from '../support/websub-hub.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const never = new Promise<never>(() => undefined);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ensureRedis', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  const tempDir = (name: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), `sitrep-${name}-`));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  afterEach(async () => {
    for (const clean of cleanups.splice(0).reverse()) await clean();
  });

  it('does nothing when Redis already answers', async () => {
    const { lines, log } = captureLog('info');
    const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    expect(await ensureRedis(url, { log, stopped: never, dir: tempDir('unused') })).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('starts redis-server from the PATH with its data in the folder, AOF on, and stops it', async () => {
    const { lines, log } = captureLog('info');
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const dir = path.join(tempDir('local-redis'), 'data');
    const local = (await ensureRedis(url, { log, stopped: never, dir })) as LocalRedis;
    cleanups.push(() => local.stop());
    expect(local).toMatchObject({ dir });
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [
        30,
        `no Redis at ${url}: started a local redis-server (data in ${dir}/, append-only); it stops with sitrep`,
      ],
    ]);

    const client = new Redis(url, { maxRetriesPerRequest: 0 });
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
    expect(await client.config('GET', 'bind')).toEqual(['bind', '127.0.0.1']);
    await client.set('kept', 'yes');
    client.disconnect();
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['redis.log']));
    expect(existsSync(path.join(dir, 'appendonlydir'))).toBe(true);

    await local.stop();
    expect(processAlive(local.pid)).toBe(false);
    expect(await probeRedis(url)).toBe('unreachable');
  });

  it('stops the Redis it started when the process exits without stopping it', async () => {
    const port = await freePort();
    const dir = tempDir('exit-redis');
    const script =
      "import { startLocalRedis } from './src/cli/local-redis.ts';" +
      `const local = await startLocalRedis(${port}, ${JSON.stringify(dir)});` +
      'process.stdout.write(String(local.pid)); process.exit(3);';
    const pid = await new Promise<number>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { cwd: ROOT },
        (err, stdout) => (err && err.code !== 3 ? reject(err) : resolve(Number(stdout))),
      ),
    );
    expect(pid).toBeGreaterThan(0);
    // SIGTERM went out as the process exited; Redis writes its AOF and goes.
    await waitFor(() => !processAlive(pid), 15_000);
    expect(await probeRedis(`redis://127.0.0.1:${port}`)).toBe('unreachable');
  });

  it('without redis-server: one line with the URL and install commands, then a countdown until Redis is up', async () => {
    const { lines, log } = captureLog('info');
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const emptyPath = tempDir('no-redis-bin');
    const tty = new PassThrough();
    let shown = '';
    tty.on('data', (d: Buffer) => (shown += d.toString()));
    const sleeps: number[] = [];
    let late: LocalRedis | undefined;
    const result = await ensureRedis(url, {
      log,
      tty,
      stopped: never,
      dir: tempDir('unused'),
      searchPath: emptyPath,
      sleep: async (ms) => {
        sleeps.push(ms);
        // Someone starts Redis during the second countdown.
        if (sleeps.length === 7) {
          late = await startLocalRedis(port, tempDir('late-redis'));
          cleanups.push(() => late?.stop());
        }
      },
    });
    expect(result).toBeUndefined();
    expect(late).toBeDefined();
    expect(sleeps).toEqual(Array(10).fill(1000));
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [
        40,
        `Redis is not reachable at ${url}: install and start Redis: Debian/Ubuntu ` +
          '`sudo apt install redis-server`; macOS `brew install redis && brew services start redis`; ' +
          'Docker `docker run -d --name redis -p 6379:6379 redis:7`; retrying every 5s (Ctrl-C to stop)',
      ],
      [30, `Redis is up at ${url}`],
    ]);
    const steps = shown.split('\r').filter((s) => s.includes('retrying in'));
    expect(steps.map((s) => s.trim())).toEqual(
      [5, 4, 3, 2, 1, 5, 4, 3, 2, 1].map((n) => `waiting for Redis at ${url}: retrying in ${n}s`),
    );
    expect(shown.endsWith('\r\x1b[2K')).toBe(true); // the countdown line is cleared
  });

  it('without redis-server: Ctrl-C during the countdown gives up', async () => {
    const { log } = captureLog('info');
    const url = `redis://127.0.0.1:${await freePort()}`;
    let press: () => void = () => undefined;
    const stopped = new Promise<void>((r) => (press = r));
    const sleeps: number[] = [];
    const result = await ensureRedis(url, {
      log,
      stopped,
      dir: tempDir('unused'),
      searchPath: tempDir('no-redis-bin'),
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 2) press(); // Ctrl-C during the second second
      },
    });
    expect(result).toBe('stopped');
    expect(sleeps).toEqual([1000, 1000]);
  });
});
