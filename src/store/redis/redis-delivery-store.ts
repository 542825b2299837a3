/**
 * Delivery records and held alerts in Redis (every key expires after `retentionMs`):
 *   <p>:delivery:<destination>    hash  incidentId → DeliveryRecord JSON
 *   <p>:delivery:by-incident:<id> set   destination keys it went to
 *   <p>:delivery:sent:<dest>      zset  "<incident>#<version>" by send time (burst counting)
 *   <p>:held:<destination>        zset  HeldAlert JSON by release time
 *   <p>:held:due                  zset  destination key by its earliest release time
 *   <p>:held:dests                hash  destination key → Destination JSON
 *   <p>:delivery:attempt:<key>    string  set before a chat call (crash recovery): what it
 *                                         shows (the incident version), 1 day
 *   <p>:delivery:lock:<dest>:<id> string  the owner delivering that incident there now
 */
import type { Redis } from 'ioredis';
import type { HeldAlert } from '../../domain/held-alert.js';
import {
  destinationKey,
  type DeliveryRecord,
  type Destination,
} from '../../domain/subscription.js';
import type { DeliveryStore } from '../delivery-store.js';

const DAY = 86_400_000;

// Takes the lock, or takes it again when `owner` already holds it (a re-run of the same job).
const LOCK = `local v = redis.call('GET', KEYS[1])
if v and v ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return 1`;

// Claims a chat call for a note, or returns the note an earlier attempt left.
const CLAIM = `local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
return false`;

// Deletes the lock only if `owner` still holds it.
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class RedisDeliveryStore implements DeliveryStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly retentionMs = 30 * DAY,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async get(destination: Destination, incidentId: string): Promise<DeliveryRecord | null> {
    const raw = await this.redis.hget(
      this.key('delivery', destinationKey(destination)),
      incidentId,
    );
    return raw ? (JSON.parse(raw) as DeliveryRecord) : null;
  }

  async put(record: DeliveryRecord): Promise<void> {
    const dest = destinationKey(record.destination);
    const ttl = Math.ceil(this.retentionMs / 1000);
    const at = Date.parse(record.at);
    const multi = this.redis
      .multi()
      .hset(this.key('delivery', dest), record.incidentId, JSON.stringify(record))
      .expire(this.key('delivery', dest), ttl)
      .sadd(this.key('delivery', 'by-incident', record.incidentId), dest)
      .expire(this.key('delivery', 'by-incident', record.incidentId), ttl);
    if (record.status === 'sent') {
      const sent = this.key('delivery', 'sent', dest);
      multi
        .zadd(sent, at, `${record.incidentId}#${record.version}`)
        .zremrangebyscore(sent, '-inf', at - DAY)
        .expire(sent, Math.ceil(DAY / 1000));
    }
    await multi.exec();
  }

  async listByIncident(incidentId: string): Promise<DeliveryRecord[]> {
    const dests = await this.redis.smembers(this.key('delivery', 'by-incident', incidentId));
    const rows = await Promise.all(
      dests.map((d) => this.redis.hget(this.key('delivery', d), incidentId)),
    );
    return rows.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as DeliveryRecord);
  }

  async countSentSince(destination: Destination, since: Date): Promise<number> {
    const sent = this.key('delivery', 'sent', destinationKey(destination));
    return this.redis.zcount(sent, since.getTime(), '+inf');
  }

  async hold(alert: HeldAlert): Promise<void> {
    const dest = destinationKey(alert.destination);
    const release = Date.parse(alert.releaseAt);
    await this.redis
      .multi()
      .zadd(this.key('held', dest), release, JSON.stringify(alert))
      .expire(this.key('held', dest), Math.ceil(this.retentionMs / 1000))
      .zadd(this.key('held', 'due'), 'LT', release, dest)
      .hset(this.key('held', 'dests'), dest, JSON.stringify(alert.destination))
      .exec();
  }

  async dueDigests(now: Date): Promise<Destination[]> {
    const keys = await this.redis.zrangebyscore(this.key('held', 'due'), '-inf', now.getTime());
    if (keys.length === 0) return [];
    const rows = await this.redis.hmget(this.key('held', 'dests'), ...keys);
    return rows.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as Destination);
  }

  async peekHeld(destination: Destination, now: Date): Promise<HeldAlert[]> {
    const held = this.key('held', destinationKey(destination));
    const rows = await this.redis.zrangebyscore(held, '-inf', now.getTime());
    return rows.map((r) => JSON.parse(r) as HeldAlert);
  }

  async removeHeld(destination: Destination, alerts: readonly HeldAlert[]): Promise<void> {
    if (alerts.length === 0) return;
    const dest = destinationKey(destination);
    const held = this.key('held', dest);
    await this.redis.zrem(held, ...alerts.map((a) => JSON.stringify(a)));
    await this.refreshDue(dest, await this.redis.zrange(held, 0, 0, 'WITHSCORES'));
  }

  /** Points the due index at the destination's earliest remaining held alert, or drops it. */
  private async refreshDue(dest: string, next: readonly string[]): Promise<void> {
    if (next[1] === undefined) {
      await this.redis
        .multi()
        .zrem(this.key('held', 'due'), dest)
        .hdel(this.key('held', 'dests'), dest)
        .exec();
    } else {
      await this.redis.zadd(this.key('held', 'due'), Number(next[1]), dest);
    }
  }

  async lockIncident(d: Destination, incidentId: string, owner: string, ttlMs: number) {
    const key = this.key('delivery', 'lock', destinationKey(d), incidentId);
    return Number(await this.redis.eval(LOCK, 1, key, owner, ttlMs)) === 1;
  }

  async unlockIncident(d: Destination, incidentId: string, owner: string): Promise<void> {
    const key = this.key('delivery', 'lock', destinationKey(d), incidentId);
    await this.redis.eval(UNLOCK, 1, key, owner);
  }

  async claimAttempt(key: string, note: string): Promise<string | null> {
    const earlier = await this.redis.eval(
      CLAIM,
      1,
      this.key('delivery', 'attempt', key),
      note,
      DAY,
    );
    return typeof earlier === 'string' ? earlier : null;
  }

  async noteAttempt(key: string, note: string): Promise<void> {
    await this.redis.set(this.key('delivery', 'attempt', key), note, 'PX', DAY);
  }

  async takeHeld(destination: Destination, now: Date): Promise<HeldAlert[]> {
    const dest = destinationKey(destination);
    const held = this.key('held', dest);
    const t = now.getTime();
    const res = await this.redis
      .multi()
      .zrangebyscore(held, '-inf', t)
      .zremrangebyscore(held, '-inf', t)
      .zrange(held, 0, 0, 'WITHSCORES')
      .exec();
    const taken = (res?.[0]?.[1] as string[] | undefined) ?? [];
    await this.refreshDue(dest, (res?.[2]?.[1] as string[] | undefined) ?? []);
    return taken.map((r) => JSON.parse(r) as HeldAlert);
  }
}
