/**
 * Redis (its own AOF redis-server, appendfsync always) is killed and restarted mid-run: the
 * worker reconnects by itself and every incident still arrives exactly once.
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('Redis restart', () => {
  it('reconnects by itself and loses or repeats no alert', async () => {
    const r = await runDeliveryChaos({ items: 6, kills: 0, redisRestarts: 1, seed: 21 });
    expect(r.redisRestarts).toBe(1);
    expect(r.workerStarts).toBe(1); // the worker was never restarted: it reconnected
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
    expect(r.incidents).toBe(6);
  }, 60_000);
});
