import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Lua: `now`, the Redis server's clock in ms (workers on several machines need not agree). */
export const REDIS_NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * A Lua script run by its SHA (EVALSHA), loaded with EVAL the first time a server does not know
 * it (a fresh or restarted Redis): the script text crosses the wire once, not on every call.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]) {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
