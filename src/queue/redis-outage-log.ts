/**
 * Redis outages in the log: one warning when Redis goes away and one line when it is back,
 * however many clients notice. The shared ioredis connection and every BullMQ Queue and Worker
 * report each failed reconnect attempt as an 'error' event, several a second each; a BullMQ
 * object with no 'error' listener prints the error with console.error instead (multi-line
 * stack dumps that break a JSON log). So every one of them is watched here, and what they
 * report during an outage is counted (debug level) rather than logged line by line.
 */
import type { Logger } from '../log/logger.js';

/** What the log says when Redis goes away and when it is back (one line each per outage). */
export const REDIS_LOG = {
  lost: 'redis connection lost: retrying until it is back',
  back: 'redis connection back',
} as const;

/** A client that reports trouble as 'error' events (ioredis, a BullMQ Queue or Worker). */
export interface ErrorSource {
  on(event: 'error', listener: (err: Error) => void): unknown;
}

/** A client that says when its connection is (again) ready (ioredis, a BullMQ Worker). */
export interface ReadySource {
  on(event: 'ready', listener: () => void): unknown;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const CONNECTION_MESSAGES =
  /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|connect EHOSTUNREACH/i;

/** True when an error says the connection to Redis failed (rather than a command or a job). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return (
    (typeof code === 'string' && CONNECTION_CODES.has(code)) ||
    CONNECTION_MESSAGES.test(err.message)
  );
}

export class RedisOutageLog {
  private down: { since: number; errors: number } | null = null;

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Routes `client`'s 'error' events here; `source` names it in the log (a queue name). */
  watch(client: ErrorSource, source: string): void {
    client.on('error', (err) => this.error(err, source));
  }

  /** Routes `client`'s 'ready' events here: a connection that is up again ends the outage. */
  watchReady(client: ReadySource, source: string): void {
    client.on('ready', () => this.ready(source));
  }

  /** An error from `source`: the start of an outage, part of one, or an error of its own. */
  error(err: Error, source: string): void {
    if (this.down) {
      this.down.errors += 1;
      this.log.debug({ err, source }, 'redis still unreachable');
    } else if (isConnectionError(err)) {
      this.down = { since: this.now(), errors: 1 };
      this.log.warn({ err, source }, REDIS_LOG.lost);
    } else {
      this.log.error({ err, queue: source }, 'queue error');
    }
  }

  /** A connection of `source` is ready: ends the outage, if one is on. */
  ready(source: string): void {
    if (!this.down) return;
    const { since, errors } = this.down;
    this.down = null;
    this.log.info({ source, downMs: this.now() - since, errors }, REDIS_LOG.back);
  }
}
