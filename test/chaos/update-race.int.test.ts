/**
 * A second outlet's report of an incident arrives while the first alert's post is still in
 * flight (a slow chat API): the update is planned before the first post is recorded.
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('an update planned while the first post is in flight', () => {
  // KNOWN BUG (docs/RELIABILITY.md, "Known duplicate"): the update's delivery job was planned as
  // a post because no delivery record existed yet, and deliverPlanned posts it as planned once
  // the first post is recorded: two messages for one incident. Flip to `it` when fixed.
  it.fails(
    'still gives each incident one message (later reports edit it)',
    async () => {
      const r = await runDeliveryChaos({
        items: 3,
        kills: 0,
        feeds: 2,
        secondReports: true,
        publishAtOnce: true,
        postDelayMs: 1500,
        seed: 41,
      });
      expect(r.incidents).toBe(3);
      expect(r.missing).toEqual([]);
      expect(r.duplicated).toEqual([]);
    },
    60_000,
  );
});
