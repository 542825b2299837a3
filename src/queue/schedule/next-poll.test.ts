import { describe, expect, it } from 'vitest';
import { nextPollDelay, updateEvery, type PollTiming } from './next-poll.js';

const MIN = 60_000;
const timing: PollTiming = {
  defaultInterval: 5 * MIN,
  minInterval: MIN,
  maxInterval: 60 * MIN,
  jitter: 0.1,
  backoffMax: 4 * 60 * MIN,
};

describe('nextPollDelay', () => {
  it('polls a feed that posts every 3 minutes often and a weekly one rarely', () => {
    const hot = nextPollDelay({ updateEveryMs: 3 * MIN, quietForMs: MIN }, timing, 0.5);
    const weekly = nextPollDelay({ updateEveryMs: 7 * 24 * 60 * MIN }, timing, 0.5);
    expect(hot).toBe(1.5 * MIN);
    expect(weekly).toBe(60 * MIN);
  });

  it('slows a feed down when it stays quiet longer than its usual gap', () => {
    const usual = nextPollDelay({ updateEveryMs: 4 * MIN, quietForMs: MIN }, timing, 0.5);
    const quiet = nextPollDelay({ updateEveryMs: 4 * MIN, quietForMs: 40 * MIN }, timing, 0.5);
    expect(quiet).toBeGreaterThan(usual);
    expect(quiet).toBe(20 * MIN);
  });

  it('stays within minInterval and maxInterval whatever the jitter draw', () => {
    for (const every of [1, MIN, 10 * MIN, 1e12]) {
      for (const r of [0, 0.25, 0.999]) {
        const d = nextPollDelay({ updateEveryMs: every }, timing, r);
        expect(d).toBeGreaterThanOrEqual(MIN);
        expect(d).toBeLessThanOrEqual(60 * MIN * 1.1);
      }
    }
  });

  it('jitters adaptive feeds by up to ±10 %', () => {
    const low = nextPollDelay({ updateEveryMs: 20 * MIN }, timing, 0);
    const high = nextPollDelay({ updateEveryMs: 20 * MIN }, timing, 0.999);
    expect(low).toBe(9 * MIN);
    expect(high).toBeCloseTo(11 * MIN, -3);
  });

  it('starts a feed with no history at the default interval', () => {
    expect(nextPollDelay({}, timing, 0.9)).toBe(5 * MIN);
  });

  it('keeps a pinned interval exactly, with no jitter and no adaptation', () => {
    for (const r of [0, 0.5, 0.99])
      expect(nextPollDelay({ pinnedMs: 2 * MIN, updateEveryMs: 1e9 }, timing, r)).toBe(2 * MIN);
  });

  it('never polls sooner than the server says the answer stays fresh', () => {
    expect(nextPollDelay({ updateEveryMs: 2 * MIN, maxAgeMs: 30 * MIN }, timing, 0.5)).toBe(
      30 * MIN,
    );
    expect(nextPollDelay({ pinnedMs: MIN, maxAgeMs: 10 * MIN }, timing, 0.5)).toBe(10 * MIN);
    // ... up to backoffMax: a max-age of a year does not park the feed for a year.
    expect(nextPollDelay({ pinnedMs: MIN, maxAgeMs: 1e12 }, timing, 0.5)).toBe(240 * MIN);
  });
});

describe('updateEvery', () => {
  it('is the mean gap between the newest items', () => {
    const t = [0, 3, 6, 9].map((m) => 1e12 + m * MIN);
    expect(updateEvery(t)).toBe(3 * MIN);
  });

  it('is unknown for one item or for items all stamped with the same time', () => {
    expect(updateEvery([1e12])).toBeUndefined();
    expect(updateEvery([1e12, 1e12, 1e12])).toBeUndefined();
  });
});
