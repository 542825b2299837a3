import type { Redis } from 'ioredis';
import type {
  WebSubLeaseStore,
  WebSubPatch,
  WebSubState,
  WebSubSubscription,
} from '../websub-lease-store.js';

const STATES: readonly WebSubState[] = ['requested', 'active', 'unsubscribing', 'denied', 'failed'];

// KEYS: feed link, subscription hash, id set, due zset. ARGV: id, due score, hash fields…
const CREATE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') == false then return 0 end
redis.call('HSET', KEYS[2], unpack(ARGV, 3))
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
return 1`;

// KEYS: subscription hash, id set, due zset, feed link, active mark. ARGV: id.
const REMOVE = `
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('GET', KEYS[4]) == ARGV[1] then redis.call('DEL', KEYS[4]) end
if redis.call('GET', KEYS[5]) == ARGV[1] then redis.call('DEL', KEYS[5]) end
return 1`;

// KEYS: due zset. ARGV: now, held-until, limit.
const CLAIM = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], ARGV[2], id) end
return ids`;

function toSubscription(h: Record<string, string>): WebSubSubscription | null {
  const state = h['state'] as WebSubState | undefined;
  const { id, feedId, topic, hub, secret, requestedAt } = h;
  if (!id || !feedId || !topic || !hub || !secret || !requestedAt) return null;
  if (!state || !STATES.includes(state)) return null;
  const lease = Number(h['leaseSeconds']);
  return {
    id,
    feedId,
    topic,
    hub,
    secret,
    state,
    requestedAt,
    failures: Number(h['failures'] ?? 0) || 0,
    ...(Number.isFinite(lease) && lease > 0 ? { leaseSeconds: lease } : {}),
    ...(h['expiresAt'] ? { expiresAt: h['expiresAt'] } : {}),
    ...(h['lastError'] ? { lastError: h['lastError'] } : {}),
  };
}

function fieldsOf(patch: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** WebSub subscriptions in Redis under `${prefix}:websub:*`. */
export class RedisWebSubLeaseStore implements WebSubLeaseStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, 'websub', ...parts].join(':');
  }

  private get ids(): string {
    return this.key('subs');
  }

  private get due(): string {
    return this.key('due');
  }

  async create(sub: WebSubSubscription, dueAt: Date): Promise<boolean> {
    const fields = Object.entries(fieldsOf({ ...sub })).flat();
    const keys = [this.key('feed', sub.feedId), this.key('sub', sub.id), this.ids, this.due];
    const due = dueAt.getTime();
    const res = await this.redis.eval(CREATE, keys.length, ...keys, sub.id, due, ...fields);
    return Number(res) === 1;
  }

  async get(id: string): Promise<WebSubSubscription | null> {
    return toSubscription(await this.redis.hgetall(this.key('sub', id)));
  }

  async ofFeed(feedId: string): Promise<WebSubSubscription | null> {
    const id = await this.redis.get(this.key('feed', feedId));
    return id ? this.get(id) : null;
  }

  async list(): Promise<WebSubSubscription[]> {
    const ids = await this.redis.smembers(this.ids);
    if (ids.length === 0) return [];
    const multi = this.redis.multi();
    for (const id of ids) multi.hgetall(this.key('sub', id));
    const res = (await multi.exec()) ?? [];
    return res
      .map(([, h]) => toSubscription((h ?? {}) as Record<string, string>))
      .filter((s): s is WebSubSubscription => s !== null);
  }

  async update(id: string, patch: WebSubPatch): Promise<void> {
    const k = this.key('sub', id);
    const fields = fieldsOf(patch);
    // Only an existing subscription is updated (a removed one stays removed).
    if ((await this.redis.exists(k)) === 0) return;
    const multi = this.redis.multi();
    if (Object.keys(fields).length > 0) multi.hset(k, fields);
    if (patch.lastError === '') multi.hdel(k, 'lastError');
    await multi.exec();
  }

  async activate(
    sub: WebSubSubscription,
    leaseSeconds: number,
    expiresAt: Date,
    renewAt: Date,
  ): Promise<void> {
    // The lease runs from the verification: the mark lasts as long as the lease.
    const ttl = Math.max(1, leaseSeconds * 1000);
    await this.redis
      .multi()
      .hset(this.key('sub', sub.id), {
        state: 'active',
        leaseSeconds: String(leaseSeconds),
        expiresAt: expiresAt.toISOString(),
        failures: '0',
      })
      .hdel(this.key('sub', sub.id), 'lastError')
      .set(this.key('active', sub.feedId), sub.id, 'PX', ttl)
      .zadd(this.due, renewAt.getTime(), sub.id)
      .exec();
  }

  async deactivate(feedId: string): Promise<void> {
    await this.redis.del(this.key('active', feedId));
  }

  async schedule(id: string, at: Date): Promise<void> {
    await this.redis.zadd(this.due, 'XX', at.getTime(), id);
  }

  async claimDue(now: Date, holdMs: number, limit: number): Promise<string[]> {
    const res = await this.redis.eval(
      CLAIM,
      1,
      this.due,
      now.getTime(),
      now.getTime() + holdMs,
      limit,
    );
    return Array.isArray(res) ? res.map(String) : [];
  }

  async remove(id: string): Promise<void> {
    const sub = await this.get(id);
    const feedId = sub?.feedId ?? '';
    const keys = [
      this.key('sub', id),
      this.ids,
      this.due,
      this.key('feed', feedId),
      this.key('active', feedId),
    ];
    await this.redis.eval(REMOVE, keys.length, ...keys, id);
  }

  async isActive(feedId: string): Promise<boolean> {
    return (await this.redis.exists(this.key('active', feedId))) === 1;
  }

  async markNoHub(feedId: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key('nohub', feedId), '1', 'PX', Math.max(1, ttlMs));
  }

  async withoutHub(feedIds: readonly string[]): Promise<Set<string>> {
    if (feedIds.length === 0) return new Set();
    const marks = await this.redis.mget(feedIds.map((id) => this.key('nohub', id)));
    return new Set(feedIds.filter((_, i) => marks[i] !== null));
  }
}
