/**
 * Mutes in Redis:
 *   <p>:mutes:<destination>  hash  id → JSON (expired entries dropped when read)
 *   <p>:mutes:where          hash  id → destination key (for remove)
 *   <p>:mutes:seq            counter (ids "m<n>")
 */
import type { Redis } from 'ioredis';
import { destinationKey, type Destination, type Mute } from '../../domain/subscription.js';
import type { MuteStore, NewMute } from '../mute-store.js';

export class RedisMuteStore implements MuteStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, 'mutes', ...parts].join(':');
  }

  async add(input: NewMute, now: Date): Promise<Mute> {
    const n = await this.redis.incr(this.key('seq'));
    const mute: Mute = { ...input, id: `m${n}`, createdAt: now.toISOString() };
    const dest = destinationKey(input.destination);
    await this.redis
      .multi()
      .hset(this.key(dest), mute.id, JSON.stringify(mute))
      .hset(this.key('where'), mute.id, dest)
      .exec();
    return mute;
  }

  async listActive(destination: Destination, now: Date): Promise<Mute[]> {
    const dest = destinationKey(destination);
    const all = Object.values(await this.redis.hgetall(this.key(dest))).map(
      (r) => JSON.parse(r) as Mute,
    );
    const expired = all.filter((m) => Date.parse(m.until) <= now.getTime()).map((m) => m.id);
    if (expired.length > 0) {
      await this.redis
        .multi()
        .hdel(this.key(dest), ...expired)
        .hdel(this.key('where'), ...expired)
        .exec();
    }
    return all.filter((m) => !expired.includes(m.id));
  }

  async remove(id: string): Promise<boolean> {
    const dest = await this.redis.hget(this.key('where'), id);
    if (!dest) return false;
    await this.redis.multi().hdel(this.key(dest), id).hdel(this.key('where'), id).exec();
    return true;
  }
}
