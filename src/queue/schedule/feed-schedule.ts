/**
 * When each feed is next polled, shared by every worker through one Redis sorted set
 * (`<p>:schedule:due`, feed id → due time in ms). A worker claims due feeds in batches with one Lua
 * call that moves them to a lease set (`<p>:schedule:lease`, feed id → lease expiry): a claimed feed
 * is polled by that worker alone, and the feed of a worker that died comes back when its lease
 * expires. The lease set's score is the expiry; the claim's token (from a counter, kept with the
 * expiry in `<p>:schedule:owner`) proves ownership and stays the same when the lease is
 * extended, so a hand-back or an extension sent before an extension's answer (or re-sent by the
 * client after a reconnect) still counts. Completing a poll moves the feed back to the due set at its next
 * time. All times are the Redis server's clock (TIME), so workers on several machines need not
 * agree on the time.
 */
import type { Redis } from 'ioredis';
import { LuaScript, REDIS_NOW } from './lua-script.js';

// The owner entry of a leased feed is "<token>:<lease expiry>", written with every claim and
// extension. A lease moved by anything else (a worker of a version before the owner hash,
// which sets the expiry alone) no longer matches its entry, so its holder is not taken for us.
const OWNER = `
local function stamp(lease, owner, f, token)
  redis.call('HSET', owner, f, token .. ':' .. redis.call('ZSCORE', lease, f))
end
local function owned(lease, owner, f, token)
  local s = redis.call('ZSCORE', lease, f)
  return s and redis.call('HGET', owner, f) == token .. ':' .. s
end`;

// KEYS: due, lease, owner, claims counter. ARGV: lease ms, limit. Returns { lease token, next
// due ms or -1, feed... }.
const CLAIM = new LuaScript(`
${REDIS_NOW}
${OWNER}
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
for _, f in ipairs(expired) do
  redis.call('ZREM', KEYS[2], f)
  redis.call('HDEL', KEYS[3], f)
  redis.call('ZADD', KEYS[1], now, f)
end
local expiry = now + tonumber(ARGV[1])
local token = tostring(redis.call('INCR', KEYS[4]))
local out = { token, '-1' }
local limit = tonumber(ARGV[2])
if limit > 0 then
  local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, limit)
  for _, f in ipairs(due) do
    redis.call('ZREM', KEYS[1], f)
    redis.call('ZADD', KEYS[2], expiry, f)
    stamp(KEYS[2], KEYS[3], f, token)
    out[#out + 1] = f
  end
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local lease = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
local next = -1
if first[2] then next = tonumber(first[2]) - now end
if lease[2] and (next < 0 or tonumber(lease[2]) - now < next) then next = tonumber(lease[2]) - now end
out[2] = string.format('%d', math.max(0, next))
if next < 0 then out[2] = '-1' end
return out`);

// KEYS: due, lease, again, owner. ARGV: (token, feed, delay ms)... A feed whose lease is no
// longer ours (it expired and another worker claimed it, or the feed was removed) is left alone.
const COMPLETE = new LuaScript(`
${REDIS_NOW}
${OWNER}
local done = 0
for i = 1, #ARGV, 3 do
  local f = ARGV[i + 1]
  if owned(KEYS[2], KEYS[4], f, ARGV[i]) then
    redis.call('ZREM', KEYS[2], f)
    redis.call('HDEL', KEYS[4], f)
    local delay = tonumber(ARGV[i + 2])
    if redis.call('SREM', KEYS[3], f) == 1 then delay = 0 end
    redis.call('ZADD', KEYS[1], now + delay, f)
    done = done + 1
  end
end
return done`);

// KEYS: lease, owner. ARGV: lease ms, (token, feed)... Returns 1/0 per feed (still ours). The
// token stays: only the expiry moves.
const EXTEND = new LuaScript(`
${REDIS_NOW}
${OWNER}
local expiry = now + tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV, 2 do
  local f = ARGV[i + 1]
  if owned(KEYS[1], KEYS[2], f, ARGV[i]) then
    redis.call('ZADD', KEYS[1], expiry, f)
    stamp(KEYS[1], KEYS[2], f, ARGV[i])
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out`);

// KEYS: due, lease, owner. ARGV: feed ids. Adds missing feeds as due now; removes the others.
const SYNC = new LuaScript(`
${REDIS_NOW}
local wanted = {}
local added = 0
for i, f in ipairs(ARGV) do
  wanted[f] = true
  if not redis.call('ZSCORE', KEYS[1], f) and not redis.call('ZSCORE', KEYS[2], f) then
    -- Due now, in the order given (a fraction of a millisecond apart).
    redis.call('ZADD', KEYS[1], now + (i - 1) / #ARGV, f)
    added = added + 1
  end
end
local removed = {}
for _, key in ipairs({ KEYS[1], KEYS[2] }) do
  for _, f in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    if not wanted[f] then
      redis.call('ZREM', key, f)
      redis.call('HDEL', KEYS[3], f)
      removed[#removed + 1] = f
    end
  end
end
return { added, removed }`);

// KEYS: due, lease, again. ARGV: feed. Due now; if it is being polled, again right after.
const MARK_DUE = new LuaScript(`
${REDIS_NOW}
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], 'LT', now, ARGV[1])
  return 1
end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('SADD', KEYS[3], ARGV[1])
  return 2
end
return 0`);

/** Feeds claimed for polling: each holds its lease until completed or extended. */
export interface Claim {
  /** The claim's token: completing or extending with it proves ownership. */
  readonly token: string;
  readonly feedIds: readonly string[];
  /** Milliseconds until the next feed falls due (or a lease expires); -1 when none is held. */
  readonly nextDueMs: number;
}

export interface Completion {
  readonly feedId: string;
  readonly token: string;
  /** Next poll in this many milliseconds. */
  readonly delayMs: number;
}

/** What a sync changed. */
export interface SyncResult {
  readonly added: number;
  readonly removed: readonly string[];
}

/** The schedule as one read sees it. */
export interface ScheduleSnapshot {
  /** The Redis server's clock (ms since the epoch) at the read. */
  readonly now: number;
  /** Feed id → due time (ms, Redis clock) of every feed waiting for its next poll. */
  readonly dueAt: ReadonlyMap<string, number>;
  /** Feeds a worker is polling now (leased). */
  readonly polling: ReadonlySet<string>;
}

/** Where polling state lives: `<prefix>:schedule:*`. */
export class FeedSchedule {
  private readonly keys: {
    due: string;
    lease: string;
    again: string;
    owner: string;
    claims: string;
  };

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = {
      due: `${prefix}:schedule:due`,
      lease: `${prefix}:schedule:lease`,
      again: `${prefix}:schedule:again`,
      owner: `${prefix}:schedule:owner`,
      claims: `${prefix}:schedule:claims`,
    };
  }

  /** Claims up to `limit` due feeds (0: only reports when the next one falls due). */
  async claim(limit: number, leaseMs: number): Promise<Claim> {
    const [token = '0', next = '-1', ...feedIds] = (await CLAIM.run(
      this.redis,
      [this.keys.due, this.keys.lease, this.keys.owner, this.keys.claims],
      [leaseMs, limit],
    )) as string[];
    return { token, feedIds, nextDueMs: Number(next) };
  }

  /** Reschedules polled feeds in one call; returns how many were still ours. */
  async complete(done: readonly Completion[]): Promise<number> {
    if (done.length === 0) return 0;
    const args = done.flatMap((d) => [d.token, d.feedId, Math.max(0, Math.round(d.delayMs))]);
    const { due, lease, again, owner } = this.keys;
    return Number(await COMPLETE.run(this.redis, [due, lease, again, owner], args));
  }

  /**
   * Extends the leases of feeds still held (a long wait for a busy host, a slow fetch); their
   * tokens stay. Returns the feeds whose lease was lost (another worker has them now).
   */
  async extend(
    held: readonly { feedId: string; token: string }[],
    leaseMs: number,
  ): Promise<{ lost: string[] }> {
    if (held.length === 0) return { lost: [] };
    const args = held.flatMap((h) => [h.token, h.feedId]);
    const kept = (await EXTEND.run(
      this.redis,
      [this.keys.lease, this.keys.owner],
      [leaseMs, ...args],
    )) as number[];
    return { lost: held.filter((_, i) => kept[i] !== 1).map((h) => h.feedId) };
  }

  /** Makes the schedule hold exactly `feedIds`: new ones due now, others removed. */
  async sync(feedIds: readonly string[]): Promise<SyncResult> {
    const [added, removed] = (await SYNC.run(
      this.redis,
      [this.keys.due, this.keys.lease, this.keys.owner],
      feedIds,
    )) as [number, string[]];
    return { added: Number(added), removed };
  }

  /**
   * "Poll this feed now": due at once, or polled again right after the poll in progress.
   * False when the feed is not scheduled (unknown or disabled).
   */
  async markDue(feedId: string): Promise<boolean> {
    const { due, lease, again } = this.keys;
    return Number(await MARK_DUE.run(this.redis, [due, lease, again], [feedId])) > 0;
  }

  /** Due time (ms since the epoch, Redis clock) of one feed; null while leased or unknown. */
  async dueAt(feedId: string): Promise<number | null> {
    const score = await this.redis.zscore(this.keys.due, feedId);
    return score === null ? null : Number(score);
  }

  /**
   * Every scheduled feed's due time (ms, Redis clock), the feeds being polled now, and the Redis
   * clock itself, read in one round trip (`sitrep feeds`).
   */
  async snapshot(): Promise<ScheduleSnapshot> {
    const res = await this.redis
      .pipeline()
      .time()
      .zrange(this.keys.due, 0, -1, 'WITHSCORES')
      .zrange(this.keys.lease, 0, -1)
      .exec();
    const [time, due, leased] = (res ?? []).map(([err, value]) => {
      if (err) throw err;
      return value;
    }) as [[string, string], string[], string[]];
    const dueAt = new Map<string, number>();
    for (let i = 0; i + 1 < due.length; i += 2) dueAt.set(due[i] ?? '', Number(due[i + 1]));
    const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    return { now, dueAt, polling: new Set(leased) };
  }

  /** Every scheduled feed (due or being polled), sorted. */
  async feedIds(): Promise<string[]> {
    const [due, leased] = await Promise.all([
      this.redis.zrange(this.keys.due, 0, -1),
      this.redis.zrange(this.keys.lease, 0, -1),
    ]);
    return [...due, ...leased].sort();
  }

  /** Number of feeds due or being polled. */
  async size(): Promise<{ due: number; leased: number }> {
    const [due, leased] = await Promise.all([
      this.redis.zcard(this.keys.due),
      this.redis.zcard(this.keys.lease),
    ]);
    return { due, leased };
  }

  /** Forgets every feed's schedule (tests and the demo stop polling with it). */
  async clear(): Promise<void> {
    // Not the claims counter: a worker still running may hold a token, which must not be
    // handed out again.
    const { due, lease, again, owner } = this.keys;
    await this.redis.del(due, lease, again, owner);
  }
}
