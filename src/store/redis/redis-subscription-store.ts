/**
 * Subscriptions and routes in Redis:
 *   <p>:subs                      hash  id → JSON
 *   <p>:subs:owner:<pf>:<ws>:<u>  set   ids of a user's personal subscriptions
 *   <p>:subs:dest:<destination>   set   ids delivering to a destination
 *   <p>:subs:seq / <p>:subs:rev   counters (ids "s<n>"; revision for index rebuilds)
 */
import type { Redis } from 'ioredis';
import {
  destinationKey,
  type Destination,
  type Platform,
  type Subscription,
} from '../../domain/subscription.js';
import type { NewSubscription, SubscriptionStore } from '../subscription-store.js';

export class RedisSubscriptionStore implements SubscriptionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, 'subs', ...parts].join(':');
  }

  private ownerKey(platform: string, workspaceId: string, ownerId: string): string {
    return this.key('owner', platform, workspaceId, ownerId);
  }

  private async load(ids: string[]): Promise<Subscription[]> {
    if (ids.length === 0) return [];
    const rows = await this.redis.hmget(this.key(), ...ids);
    return rows
      .filter((r): r is string => r !== null)
      .map((r) => JSON.parse(r) as Subscription)
      .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  }

  private async save(sub: Subscription): Promise<void> {
    const multi = this.redis.multi().hset(this.key(), sub.id, JSON.stringify(sub));
    multi.sadd(this.key('dest', destinationKey(sub.destination)), sub.id);
    if (sub.kind === 'personal') {
      const d = sub.destination;
      multi.sadd(this.ownerKey(d.platform, d.workspaceId, sub.ownerId), sub.id);
    }
    await multi.incr(this.key('rev')).exec();
  }

  async create(input: NewSubscription, now: Date): Promise<Subscription> {
    const n = await this.redis.incr(this.key('seq'));
    const sub: Subscription = { ...input, id: `s${n}`, createdAt: now.toISOString() };
    await this.save(sub);
    return sub;
  }

  async get(id: string): Promise<Subscription | null> {
    const raw = await this.redis.hget(this.key(), id);
    return raw ? (JSON.parse(raw) as Subscription) : null;
  }

  async remove(id: string): Promise<boolean> {
    const sub = await this.get(id);
    if (!sub) return false;
    const d = sub.destination;
    await this.redis
      .multi()
      .hdel(this.key(), id)
      .srem(this.key('dest', destinationKey(d)), id)
      .srem(this.ownerKey(d.platform, d.workspaceId, sub.ownerId), id)
      .incr(this.key('rev'))
      .exec();
    return true;
  }

  async listByOwner(
    platform: Platform,
    workspaceId: string,
    ownerId: string,
  ): Promise<Subscription[]> {
    return this.load(await this.redis.smembers(this.ownerKey(platform, workspaceId, ownerId)));
  }

  async listByDestination(destination: Destination): Promise<Subscription[]> {
    return this.load(await this.redis.smembers(this.key('dest', destinationKey(destination))));
  }

  async listAll(): Promise<Subscription[]> {
    const all = await this.redis.hvals(this.key());
    return all.map((r) => JSON.parse(r) as Subscription);
  }

  async setDisabled(id: string, reason: string | null, now: Date): Promise<void> {
    const sub = await this.get(id);
    if (!sub) return;
    const { disabled: _previous, ...rest } = sub;
    await this.save(reason ? { ...rest, disabled: { reason, at: now.toISOString() } } : rest);
  }

  async revision(): Promise<number> {
    return Number((await this.redis.get(this.key('rev'))) ?? 0);
  }
}
