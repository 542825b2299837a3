/**
 * Redis (its own AOF redis-server, appendfsync always) is killed and restarted mid-run: the
 * worker reconnects by itself, every incident still arrives exactly once, and the worker's
 * output stays a JSON log: one "connection lost" warning and one "back" line for the outage,
 * no stack dumps from BullMQ (which prints to the console for a queue without an error listener).
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('Redis restart', () => {
  it('reconnects by itself, loses or repeats no alert, and logs the outage as two JSON lines', async () => {
    const r = await runDeliveryChaos({
      items: 6,
      kills: 0,
      redisRestarts: 1,
      logLevel: 'info',
      seed: 21,
    });
    expect(r.redisRestarts).toBe(1);
    expect(r.workerStarts).toBe(1); // the worker was never restarted: it reconnected
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
    expect(r.incidents).toBe(6);
    expect(r.logs.nonJsonSamples).toEqual([]);
    expect(r.logs.lines).toBeGreaterThan(0);
    expect([r.logs.outageWarnings, r.logs.reconnects]).toEqual([1, 1]);
  }, 60_000);
});
