import { Redis } from 'ioredis';
import { loadConfig } from '../config/load-config.js';
import { AppError, errorMessage } from '../domain/errors.js';
import { FeedAdmin } from '../feed/admin/feed-admin.js';
import { scrubSecrets } from '../log/scrub.js';
import { FeedSchedule } from '../queue/schedule/feed-schedule.js';
import { createRedisFeedStateStore } from '../store/redis/redis-feed-state-store.js';
import { RedisRuntimeFeedStore } from '../store/redis/redis-runtime-feed-store.js';
import { feedHealthRows, feedHealthTable, feedTotals, totalsLine } from './feed-health-report.js';
import { writeLine, type CliIo } from './io.js';
import { jsonOption } from './json-option.js';

const HELP = `usage: sitrep feeds [--json]

Prints the health of every feed the worker polls (config/default.yml, SITREP_CONFIG and the
feeds added with /sitrep feeds add), read from Redis (REDIS_URL): its state (ok, failing, not
polled yet, disabled), when it was last polled, its last error, how many polls in a row failed
and when it is polled next (for a failing feed: when it is retried). A totals line follows.
It only reads: run it while the worker runs, or after it stopped.

--json  one JSON object per feed per line on stdout (the totals line goes to stderr)`;

/** Connects without retrying: one clear line when Redis does not answer. */
async function connect(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let failure: Error | undefined; // the socket's error (ECONNREFUSED…), clearer than the command's
  redis.on('error', (err: Error) => (failure ??= err));
  const shown = scrubSecrets(url);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect();
    // A ReplyError is Redis answering (NOAUTH, LOADING); anything else is no answer at all.
    if (err instanceof Error && err.name === 'ReplyError')
      throw new AppError('REDIS_UNUSABLE', `Redis at ${shown} answered: ${err.message}`, {
        cause: err,
      });
    throw new AppError(
      'REDIS_UNREACHABLE',
      `Redis is not reachable at ${shown} (${errorMessage(failure ?? err)}): is the worker's Redis running? ` +
        '`sitrep start` starts a local one; REDIS_URL sets the address',
      { cause: err, retryable: true },
    );
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const options = jsonOption(args, io, HELP);
  if (!options) return 0;
  const config = loadConfig();
  const redis = await connect(config.redis.url);
  try {
    const prefix = config.redis.prefix;
    const admin = new FeedAdmin({
      config,
      runtime: new RedisRuntimeFeedStore(redis, prefix),
      state: createRedisFeedStateStore(redis, prefix),
      onChange: async () => undefined, // read only
    });
    const [health, schedule] = await Promise.all([
      admin.list(),
      new FeedSchedule(redis, prefix).snapshot(),
    ]);
    const now = new Date();
    const rows = feedHealthRows(health, schedule, now);
    if (options.json) {
      for (const row of rows) writeLine(io.stdout, JSON.stringify(row));
      writeLine(io.stderr, totalsLine(feedTotals(rows), now));
    } else {
      writeLine(io.stdout, feedHealthTable(rows, now));
    }
    return 0;
  } finally {
    redis.disconnect();
  }
}
