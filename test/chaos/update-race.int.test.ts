/**
 * A second outlet's report of an incident arrives while the first alert's post is still in
 * flight (a slow chat API): the update is planned before the first post is recorded.
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('an update planned while the first post is in flight', () => {
  // The update's delivery job is planned as a post (no delivery record exists yet). The
  // delivery worker takes a per-incident lock, re-reads the record under it and turns the job
  // into an edit of the first message (src/alert/delivery-step.ts).
  it('still gives each incident one message (later reports edit it)', async () => {
    const r = await runDeliveryChaos({
      items: 3,
      kills: 0,
      feeds: 2,
      reports: 2,
      publishAtOnce: true,
      postDelayMs: 1500,
      seed: 41,
    });
    expect(r.incidents).toBe(3);
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
  }, 60_000);
});
