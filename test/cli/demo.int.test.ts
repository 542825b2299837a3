/**
 * `sitrep demo` as a user runs it (the real CLI in a child process, on the real Redis): --json
 * output is JSON lines only, a closed pipe (`| head -1`) and Ctrl-C end it quietly, and no key
 * of its throw-away prefix is left behind on any of these paths.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/wait-for.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', {
  maxRetriesPerRequest: 1,
});
afterAll(() => redis.quit());

interface Demo {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  readonly exited: Promise<number | null>;
}

function demo(...args: string[]): Demo {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'demo', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const d: Demo = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
  child.stdout?.on('data', (b: Buffer) => (d.stdout += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (d.stderr += b.toString()));
  return d;
}

const prefixOf = (stderr: string) => /Redis key prefix (sitrep-demo-[0-9a-f]+)/.exec(stderr)?.[1];
const keysOf = (prefix: string) => redis.keys(`${prefix}:*`);

describe('sitrep demo', () => {
  it('--json: JSON lines only on stdout, the banner and feed health on stderr, no keys left', async () => {
    const d = demo('--json');
    expect(await d.exited).toBe(0);
    const lines = d.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(JSON.parse(line)).toMatchObject({ kind: expect.any(String) as string });
    expect(d.stderr).toMatch(/feed health:/);
    const prefix = prefixOf(d.stderr) ?? '';
    expect(prefix).not.toBe('');
    expect(await keysOf(prefix)).toEqual([]);
  });

  it('a reader that goes away (| head -1) ends it quietly, keys removed', async () => {
    const d = demo('--json');
    // Closed before the first alert line: closing it after the first line raced the second,
    // which the demo writes 20-60 ms later (a loaded machine read the first too late).
    d.child.stdout?.destroy();
    expect(await d.exited).toBe(0);
    expect(d.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    // It stopped at the closed pipe, before its feed health report.
    expect(d.stderr).not.toMatch(/feed health:/);
    const prefix = prefixOf(d.stderr) ?? '';
    expect(prefix).not.toBe('');
    expect(await keysOf(prefix)).toEqual([]);
  });

  it('Ctrl-C midway stops it with exit code 130 and removes its keys', async () => {
    const d = demo();
    let prefix = '';
    // Interrupt once it has written to Redis.
    await waitFor(async () => {
      prefix = prefixOf(d.stderr) ?? '';
      return prefix !== '' && (await keysOf(prefix)).length > 0;
    });
    d.child.kill('SIGINT');
    expect(await d.exited).toBe(130);
    expect(d.stderr).not.toMatch(/Error|\n\s+at /);
    expect(await keysOf(prefix)).toEqual([]);
  });

  it('removes the keys a killed demo left without an expiry, and leaves a live one alone', async () => {
    const killed = `sitrep-demo-killed${Date.now().toString(16)}`;
    const live = `sitrep-demo-live${Date.now().toString(16)}`;
    await redis.set(`${killed}:items:seen`, '1');
    await redis.set(`${live}:items:seen`, '1');
    await redis.zadd('sitrep-demo:runs', Date.now() - 1_000, killed);
    await redis.zadd('sitrep-demo:runs', Date.now() + 600_000, live);
    try {
      const d = demo('--json');
      expect(await d.exited).toBe(0);
      expect(await keysOf(killed)).toEqual([]);
      expect(await redis.zscore('sitrep-demo:runs', killed)).toBeNull();
      expect(await keysOf(live)).toEqual([`${live}:items:seen`]);
      expect(await redis.zscore('sitrep-demo:runs', prefixOf(d.stderr) ?? '')).toBeNull();
    } finally {
      await redis.del(`${live}:items:seen`, `${killed}:items:seen`);
      await redis.zrem('sitrep-demo:runs', live, killed);
    }
  });
});
