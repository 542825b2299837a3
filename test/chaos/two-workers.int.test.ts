/**
 * Two worker processes on one Redis share the work: each item is processed once, each alert
 * delivered once, even when one of them is killed and replaced.
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('two workers', () => {
  it('process each item once and deliver each alert once between them', async () => {
    const r = await runDeliveryChaos({ items: 10, kills: 1, workers: 2, feeds: 4, seed: 31 });
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
    expect(r.incidents).toBe(10);
    expect(r.itemsTwice).toBe(0);
  }, 60_000);
});
