/**
 * The YAML config a chaos run gives its worker processes (SITREP_CONFIG): its own Redis and key
 * prefix, no HTTP server, fast polling, short job locks so a killed worker's jobs come back
 * within seconds, fast pacing and no burst digests (one post per incident is what we count).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export interface ChaosConfig {
  readonly redisUrl: string;
  readonly prefix: string;
  readonly feeds: readonly { id: string; url: string }[];
  readonly dir: string;
  readonly logLevel?: string;
  readonly fetch?: Record<string, unknown>;
  readonly polling?: Record<string, unknown>;
}

/** Job lock of chaos workers: a killed worker's active jobs run again about this much later. */
export const CHAOS_LOCK_MS = 2000;

export function writeChaosConfig(c: ChaosConfig): string {
  const file = path.join(c.dir, `${c.prefix}.yml`);
  const doc = {
    logLevel: c.logLevel ?? 'info',
    redis: { url: c.redisUrl, prefix: c.prefix },
    http: { enabled: false },
    fetch: { timeout: '5s', connectTimeout: '2s', ...c.fetch },
    polling: {
      defaultInterval: '300ms',
      minInterval: '200ms',
      // Adaptive intervals stay short: every chaos feed is re-polled within a second.
      maxInterval: '1s',
      // All chaos feeds sit on one local server standing in for many outlets.
      perHost: 16,
      backoffBase: '1s',
      backoffMax: '5s',
      alertOnFirstFetch: true,
      maxItemAge: '30d',
      ...c.polling,
    },
    pipeline: {
      attempts: 20,
      retryBackoff: '200ms',
      lockDuration: `${CHAOS_LOCK_MS}ms`,
      stalledInterval: '1s',
      maxStalledCount: 100,
    },
    delivery: {
      perDestinationInterval: '20ms',
      rateLimit: { max: 200, per: '1s' },
      attempts: 30,
      retryBackoff: '200ms',
      burstThreshold: 1_000_000,
      digestCheck: '1s',
    },
    feeds: c.feeds,
  };
  writeFileSync(file, stringify(doc));
  return file;
}
