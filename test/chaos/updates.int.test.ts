/**
 * Short version of `npm run chaos -- --scenario updates` through the real `sitrep start` with
 * the Slack front end: three outlets report each incident at once (its versions are made
 * milliseconds apart), routed to two channels, while the fake Slack Web API keeps 30 % of
 * posts, edits and thread replies but answers 500, and Redis is killed and restarted. Each
 * incident must be one message per channel, each change announced once in its thread, and
 * the worker's log must stay JSON lines.
 */
import { describe, expect, it } from 'vitest';
import { deliveryProblems } from './harness/delivery-problems.js';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('updates while the chat API keeps calls it answers 500 to, and Redis restarts', () => {
  it('gives one message per incident and channel and announces each change once', async () => {
    const r = await runDeliveryChaos({
      chat: 'slack',
      items: 5,
      kills: 0,
      reports: 3,
      feeds: 3,
      routes: 2,
      appliedFailRate: 0.3,
      redisRestarts: 1,
      logLevel: 'info',
      seed: 17,
    });
    expect(r.appliedFailures).toBeGreaterThan(0);
    expect(r.redisRestarts).toBe(1);
    expect(r.announcements.replies).toBeGreaterThan(0);
    expect(deliveryProblems(r)).toEqual([]);
  }, 90_000);
});
