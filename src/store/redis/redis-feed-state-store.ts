import type { ChainableCommander, Redis } from 'ioredis';
import type {
  FeedHealth,
  FeedStateStore,
  FeedValidators,
  PollSuccess,
} from '../feed-state-store.js';

function num(v: string | undefined): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function toHealth(feedId: string, h: Record<string, string>): FeedHealth {
  const failures = num(h['consecutiveFailures']);
  const status = failures > 0 ? 'failing' : h['lastSuccessAt'] ? 'ok' : 'pending';
  const opt = (k: string) => (h[k] ? { [k]: h[k] } : {});
  return {
    feedId,
    status,
    consecutiveFailures: failures,
    itemsSeen: num(h['itemsSeen']),
    ...opt('lastPollAt'),
    ...opt('lastSuccessAt'),
    ...opt('lastErrorAt'),
    ...opt('lastError'),
    ...opt('lastErrorReason'),
    ...opt('nextPollAt'),
    ...opt('lastNewItemAt'),
    ...(h['updateEvery'] ? { updateEveryMs: num(h['updateEvery']) } : {}),
  };
}

function validatorsOf(h: Record<string, string>): FeedValidators {
  const v: FeedValidators = {};
  if (h['etag']) v.etag = h['etag'];
  if (h['lastModified']) v.lastModified = h['lastModified'];
  return v;
}

function successFields(s: PollSuccess): Record<string, string | number> {
  const fields: Record<string, string | number> = {
    lastPollAt: s.at.toISOString(),
    lastSuccessAt: s.at.toISOString(),
    consecutiveFailures: 0,
    nextPollAt: s.nextPollAt.toISOString(),
  };
  if (s.newItems > 0) fields['lastNewItemAt'] = s.at.toISOString();
  if (s.updateEveryMs !== undefined) fields['updateEvery'] = Math.round(s.updateEveryMs);
  return fields;
}

function addValidators(multi: ChainableCommander, k: string, v: FeedValidators): void {
  multi.del(k);
  if (v.etag) multi.hset(k, 'etag', v.etag);
  if (v.lastModified) multi.hset(k, 'lastModified', v.lastModified);
}

/**
 * A fetched poll's record in one atomic call (was a MULTI of one SET per fingerprint: ~45
 * commands for a 20-item first fetch, each built, written and answered on its own).
 * KEYS: http, health, seeded, then one seen key per fingerprint.
 * ARGV: seen TTL (ms), seeded-at ('' leaves it), etag, last-modified, new items, silent ('1':
 * write nothing and return 0 when the feed is seeded already), then the health hash's
 * field/value pairs.
 */
const RECORD_FETCH = `
if ARGV[6] == '1' and redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
for i = 4, #KEYS do redis.call('SET', KEYS[i], '1', 'PX', ARGV[1]) end
if ARGV[2] ~= '' then redis.call('SET', KEYS[3], ARGV[2]) end
redis.call('DEL', KEYS[1])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'etag', ARGV[3]) end
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'lastModified', ARGV[4]) end
redis.call('HSET', KEYS[2], unpack(ARGV, 7))
redis.call('HINCRBY', KEYS[2], 'itemsSeen', ARGV[5])
return 1`;

/**
 * The poll states of several feeds in one call (was three commands per feed: HGETALL http,
 * HGETALL health, EXISTS seeded). KEYS: http, health, seeded of each feed in turn. Returns one
 * { http pairs, health pairs, seeded } per feed.
 */
const POLL_STATES = `
local out = {}
for i = 1, #KEYS, 3 do
  out[#out + 1] = {
    redis.call('HGETALL', KEYS[i]),
    redis.call('HGETALL', KEYS[i + 1]),
    redis.call('EXISTS', KEYS[i + 2]),
  }
end
return out`;

/**
 * Several polls' successes in one call. KEYS: each feed's health hash. ARGV, per key in turn:
 * new items, the poll's time (lastPollAt, ISO 8601), the number of field/value pairs, then the
 * pairs. A feed is skipped when its health records a later poll (or the same one) already, when
 * it has none (the feed was removed meanwhile: its health is not made again) and when its key
 * is not a hash, so one bad key does not fail the others. Returns how many were written. (The
 * times are the workers' clocks, in one ISO 8601 form, so string order is time order; workers
 * whose clocks differ by more than a feed's interval could skip a later success.)
 */
const RECORD_SUCCESSES = `
local a = 1
local written = 0
for i = 1, #KEYS do
  local n = tonumber(ARGV[a + 2])
  local last = redis.pcall('HGET', KEYS[i], 'lastPollAt')
  if type(last) == 'string' and last < ARGV[a + 1] then
    redis.call('HSET', KEYS[i], unpack(ARGV, a + 3, a + 2 + 2 * n))
    if tonumber(ARGV[a]) > 0 then redis.call('HINCRBY', KEYS[i], 'itemsSeen', ARGV[a]) end
    written = written + 1
  end
  a = a + 3 + 2 * n
end
return written`;

/** ioredis's names for the scripts on a connection (defineCommand: EVALSHA, EVAL once). */
const COMMANDS = {
  sitrepRecordFetch: RECORD_FETCH,
  sitrepPollStates: POLL_STATES,
  sitrepRecordSuccesses: RECORD_SUCCESSES,
} as const;

type WithScripts = Redis & {
  [K in keyof typeof COMMANDS]: (...args: (string | number)[]) => Promise<unknown>;
};

function hashOf(pairs: unknown): Record<string, string> {
  const h: Record<string, string> = {};
  if (!Array.isArray(pairs)) return h;
  for (let i = 0; i + 1 < pairs.length; i += 2) h[String(pairs[i])] = String(pairs[i + 1]);
  return h;
}

/** Feed state in Redis under `${prefix}:feed:*` and `${prefix}:seen:*`. */
export function createRedisFeedStateStore(redis: Redis, prefix: string): FeedStateStore {
  const key = (feedId: string, part: string) => `${prefix}:feed:${feedId}:${part}`;
  const seenKey = (fp: string) => `${prefix}:seen:${fp}`;
  for (const [name, lua] of Object.entries(COMMANDS))
    if (!(name in redis)) redis.defineCommand(name, { lua });
  const scripts = redis as WithScripts;
  const pollStates = async (feedIds: readonly string[]) => {
    if (feedIds.length === 0) return [];
    const keys = feedIds.flatMap((id) => [key(id, 'http'), key(id, 'health'), key(id, 'seeded')]);
    const res = (await scripts.sitrepPollStates(keys.length, ...keys)) as unknown[][];
    if (res.length !== feedIds.length)
      throw new Error(`poll states: ${res.length} answers for ${feedIds.length} feeds`);
    return feedIds.map((feedId, i) => {
      const [http, health, seeded] = res[i] ?? [];
      return {
        validators: validatorsOf(hashOf(http)),
        health: toHealth(feedId, hashOf(health)),
        seeded: Number(seeded) === 1,
      };
    });
  };
  return {
    async validators(feedId) {
      return validatorsOf(await redis.hgetall(key(feedId, 'http')));
    },
    async saveValidators(feedId, v) {
      const multi = redis.multi();
      addValidators(multi, key(feedId, 'http'), v);
      await multi.exec();
    },
    async pollState(feedId) {
      const [state] = await pollStates([feedId]);
      if (!state) throw new Error(`no poll state read for feed ${feedId}`);
      return state;
    },
    pollStates,
    async recordFetch(feedId, r) {
      const keys = [key(feedId, 'http'), key(feedId, 'health'), key(feedId, 'seeded')];
      for (const fp of r.seen) keys.push(seenKey(fp));
      const done = await scripts.sitrepRecordFetch(
        keys.length,
        ...keys,
        r.seenTtlMs,
        r.seeded ? r.success.at.toISOString() : '',
        r.validators.etag ?? '',
        r.validators.lastModified ?? '',
        r.success.newItems,
        r.silent ? '1' : '',
        ...Object.entries(successFields(r.success)).flat(),
      );
      return Number(done) === 1;
    },
    async isSeeded(feedId) {
      return (await redis.exists(key(feedId, 'seeded'))) === 1;
    },
    async markSeeded(feedId) {
      await redis.set(key(feedId, 'seeded'), new Date().toISOString());
    },
    async unseen(fingerprints) {
      const flat = fingerprints.flat();
      if (flat.length === 0) return fingerprints.map(() => true);
      const found = await redis.mget(flat.map(seenKey));
      let i = 0;
      return fingerprints.map((fps) => {
        const slice = found.slice(i, i + fps.length);
        i += fps.length;
        return slice.every((v) => v === null);
      });
    },
    async markSeen(fingerprints, ttlMs) {
      if (fingerprints.length === 0) return;
      const multi = redis.multi();
      for (const fp of fingerprints) multi.set(seenKey(fp), '1', 'PX', ttlMs);
      await multi.exec();
    },
    async health(feedId) {
      return toHealth(feedId, await redis.hgetall(key(feedId, 'health')));
    },
    async recordSuccess(feedId, s) {
      const k = key(feedId, 'health');
      if (s.newItems === 0) return void (await redis.hset(k, successFields(s)));
      await redis.multi().hset(k, successFields(s)).hincrby(k, 'itemsSeen', s.newItems).exec();
    },
    async recordSuccesses(successes) {
      if (successes.length === 0) return;
      const args: (string | number)[] = [];
      for (const { success } of successes) {
        const pairs = Object.entries(successFields(success)).flat();
        args.push(success.newItems, success.at.toISOString(), pairs.length / 2, ...pairs);
      }
      const keys = successes.map((s) => key(s.feedId, 'health'));
      await scripts.sitrepRecordSuccesses(keys.length, ...keys, ...args);
    },
    async recordFailure(feedId, f) {
      const k = key(feedId, 'health');
      const res = await redis
        .multi()
        .hset(k, {
          lastPollAt: f.at.toISOString(),
          lastErrorAt: f.at.toISOString(),
          lastError: f.message,
          lastErrorReason: f.reason,
          nextPollAt: f.nextPollAt.toISOString(),
        })
        .hincrby(k, 'consecutiveFailures', 1)
        .exec();
      return Number(res?.[1]?.[1] ?? 1);
    },
    async forget(feedId) {
      await redis.del(key(feedId, 'http'), key(feedId, 'seeded'), key(feedId, 'health'));
    },
  };
}
