/**
 * `sitrep start` with nothing listening at a local REDIS_URL: start a redis-server of our own
 * (data under .sitrep/redis/, append-only file on) and stop it on exit; without redis-server,
 * say in one line how to get Redis and retry with a visible countdown.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../log/logger.js';

/** Where a Redis started by `sitrep start` keeps its data (relative to the working folder). */
export const LOCAL_REDIS_DIR = path.join('.sitrep', 'redis');
const RETRY_SECONDS = 5;

export const INSTALL_HINT =
  'install and start Redis: Debian/Ubuntu `sudo apt install redis-server`; ' +
  'macOS `brew install redis && brew services start redis`; ' +
  'Docker `docker run -d --name redis -p 6379:6379 redis:7`';

export type RedisProbe = 'ok' | 'unreachable' | { readonly error: string };

/** Whether Redis at `url` answers PING; `unreachable` when nothing accepts the connection. */
export async function probeRedis(url: string, timeoutMs = 1500): Promise<RedisProbe> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    client.disconnect();
    return 'unreachable';
  }
  try {
    return (await client.ping()) === 'PONG' ? 'ok' : { error: 'no PONG' };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    client.disconnect();
  }
}

/** The port of a Redis URL on this machine (127.0.0.1, localhost, ::1), else undefined. */
export function loopbackPort(url: string): number | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'redis:' || parsed.password) return undefined;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) return undefined;
  return parsed.port ? Number(parsed.port) : 6379;
}

export interface LocalRedis {
  readonly pid: number;
  readonly dir: string;
  /** Shuts it down (it writes its append-only file first). */
  stop(): Promise<void>;
}

/**
 * Starts redis-server on 127.0.0.1:`port` with its data in `dir`. Resolves undefined when
 * redis-server is not installed; rejects when it exits before answering.
 */
export async function startLocalRedis(
  port: number,
  dir: string,
  /** Where to look for redis-server (default: this process's PATH). */
  searchPath?: string,
): Promise<LocalRedis | undefined> {
  const abs = path.resolve(dir);
  mkdirSync(abs, { recursive: true });
  const logFile = path.join(abs, 'redis.log');
  // Its own process group: Ctrl-C reaches sitrep, which finishes its jobs, then stops Redis.
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', abs, '--appendonly', 'yes'].concat([
      '--logfile',
      logFile,
    ]),
    {
      stdio: 'ignore',
      detached: true,
      ...(searchPath === undefined ? {} : { env: { ...process.env, PATH: searchPath } }),
    },
  );
  const exited = new Promise<NodeJS.ErrnoException | number | null>((resolve) => {
    child.once('error', resolve);
    child.once('exit', (code) => resolve(code));
  });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const early = await Promise.race([exited, delay(100).then(() => 'running' as const)]);
    if (early !== 'running') {
      if (typeof early === 'object' && early?.code === 'ENOENT') return undefined;
      throw new AppError('REDIS_START_FAILED', `redis-server did not start: ${lastLine(logFile)}`);
    }
    if ((await probeRedis(url, 500)) === 'ok') break;
  }
  const kill = (): void => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', kill); // a fatal error or process.exit: Redis goes too
  return {
    pid: child.pid ?? 0,
    dir: abs,
    async stop() {
      process.off('exit', kill);
      kill();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function lastLine(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    return (lines.at(-1) ?? '').replace(/^\d+:\w \d.*?\d\d:\d\d:\d\d\.\d+ . /, '') || 'no log';
  } catch {
    return 'no log';
  }
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface WaitOptions {
  readonly log: Logger;
  /** A terminal to show the countdown on (none: retries are silent). */
  readonly tty?: NodeJS.WritableStream;
  /** Resolves when the user gives up (Ctrl-C). */
  readonly stopped: Promise<unknown>;
  /** Where a started Redis keeps its data (default LOCAL_REDIS_DIR). */
  readonly dir?: string;
  /** Where to look for redis-server (default: this process's PATH). */
  readonly searchPath?: string;
  /** Waits one countdown step (default: a real second); tests pass their own clock. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Makes sure Redis answers at `url`: it does, or a local one is started, or the user is told
 * how to get one while we retry. Resolves the local Redis (if started), or 'stopped'.
 */
export async function ensureRedis(
  url: string,
  options: WaitOptions,
): Promise<LocalRedis | undefined | 'stopped'> {
  const first = await probeRedis(url);
  if (first === 'ok') return undefined;
  if (first !== 'unreachable')
    throw new AppError('REDIS_UNUSABLE', `Redis at ${url} answered with an error: ${first.error}`);
  const port = loopbackPort(url);
  if (port !== undefined) {
    const dir = options.dir ?? LOCAL_REDIS_DIR;
    const local = await startLocalRedis(port, dir, options.searchPath);
    if (local) {
      options.log.info(
        { pid: local.pid, dir: local.dir },
        `no Redis at ${url}: started a local redis-server (data in ${dir}/, append-only); it stops with sitrep`,
      );
      return local;
    }
  }
  options.log.warn(
    `Redis is not reachable at ${url}: ${port === undefined ? 'check REDIS_URL' : INSTALL_HINT}; retrying every ${RETRY_SECONDS}s (Ctrl-C to stop)`,
  );
  let stop = false;
  void options.stopped.then(() => (stop = true));
  const sleep = options.sleep ?? delay;
  for (;;) {
    for (let s = RETRY_SECONDS; s > 0 && !stop; s--) {
      options.tty?.write(`\r  waiting for Redis at ${url}: retrying in ${s}s `);
      await Promise.race([sleep(1000), options.stopped]);
    }
    options.tty?.write('\r\x1b[2K');
    if (stop) return 'stopped';
    if ((await probeRedis(url)) === 'ok') {
      options.log.info(`Redis is up at ${url}`);
      return undefined;
    }
  }
}
