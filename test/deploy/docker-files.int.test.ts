/**
 * Docker cannot run on the machine these tests were written on (no daemon, no compose plugin),
 * so this checks what `docker compose up` and `docker build` would be given: the parsed
 * docker-compose.yml and the Dockerfile's instructions. See README "Docker".
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  volumes?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
  env_file?: unknown;
}
const compose = parse(read('docker-compose.yml')) as {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
};

/** Dockerfile instructions per stage: continuation lines joined, comments dropped. */
function dockerStages(text: string): Map<string, Array<[string, string]>> {
  const stages = new Map<string, Array<[string, string]>>();
  let current: Array<[string, string]> = [];
  const joined = text.replace(/\\\n/g, ' ').split('\n');
  for (const raw of joined) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [op = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (op.toUpperCase() === 'FROM') {
      current = [];
      stages.set(/\bAS\s+(\S+)/i.exec(args)?.[1] ?? String(stages.size), current);
    }
    current.push([op.toUpperCase(), args]);
  }
  return stages;
}

describe('docker-compose.yml', () => {
  it('runs exactly redis and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['redis', 'worker']);
  });

  it('keeps Redis data in a named volume with the append-only file on, and checks its health', () => {
    const redis = compose.services['redis'] ?? {};
    expect(redis.image).toMatch(/^redis:\d/);
    expect(redis.command?.join(' ')).toMatch(/--appendonly yes/);
    const volume = (redis.volumes ?? []).find((v) => v.endsWith(':/data'));
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume?.split(':')[0]);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('starts the worker from the Dockerfile once Redis is healthy, pointed at it', () => {
    const worker = compose.services['worker'] ?? {};
    expect(worker.build).toBe('.');
    expect(worker.depends_on?.['redis']?.condition).toBe('service_healthy');
    expect(worker.environment?.['REDIS_URL']).toBe('redis://redis:6379');
    // The health server must listen beyond the container's loopback for the published port.
    expect(worker.environment?.['SITREP_HTTP_HOST']).toBe('0.0.0.0');
  });

  it('reads the chat tokens from .env when there is one, and starts without it', () => {
    const worker = compose.services['worker'] ?? {};
    expect(worker.env_file).toEqual([{ path: '.env', required: false }]);
  });
});

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const runs = (stage: string) =>
    (stages.get(stage) ?? []).filter(([op]) => op === 'RUN').map(([, args]) => args);
  const runtime = stages.get([...stages.keys()].at(-1) ?? '') ?? [];

  it('installs from the lock file with npm ci in every stage', () => {
    expect(stages.size).toBeGreaterThanOrEqual(2);
    for (const [name, instructions] of stages) {
      expect(
        runs(name).some((r) => /\bnpm ci\b/.test(r)),
        name,
      ).toBe(true);
      expect(
        runs(name).some((r) => /\bnpm install\b/.test(r)),
        name,
      ).toBe(false);
      const copies = instructions.filter(([op]) => op === 'COPY').map(([, a]) => a);
      expect(
        copies.some((c) => c.includes('package-lock.json')),
        name,
      ).toBe(true);
    }
  });

  it('ships no dev dependencies and runs as a non-root user', () => {
    const last = [...stages.keys()].at(-1) ?? '';
    expect(
      runs(last)
        .filter((r) => /\bnpm ci\b/.test(r))
        .every((r) => r.includes('--omit=dev')),
    ).toBe(true);
    const users = runtime.filter(([op]) => op === 'USER').map(([, a]) => a);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // The compiled code comes from the build stage, not a second compile with dev tools.
    expect(runtime.some(([op, a]) => op === 'COPY' && /--from=\S+ \/app\/dist/.test(a))).toBe(true);
  });

  it('has a HEALTHCHECK on /healthz and starts the worker', () => {
    const health = runtime.find(([op]) => op === 'HEALTHCHECK')?.[1] ?? '';
    expect(health).toMatch(/\/healthz/);
    expect(runtime.find(([op]) => op === 'CMD')?.[1]).toMatch(/"start"\]$/);
  });
});
