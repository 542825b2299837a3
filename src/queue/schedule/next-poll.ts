/**
 * Adaptive polling: how long until a feed's next poll. A feed's update rate is read from its
 * items' publication times; it is polled about twice per expected update, between
 * `minInterval` and `maxInterval`, with jitter so feeds added together drift apart. A quiet
 * spell longer than the estimate slows it down further. An explicit `interval` pins the feed.
 * Never sooner than the server's Cache-Control / Expires freshness allows.
 */

export interface PollTiming {
  readonly defaultInterval: number;
  readonly minInterval: number;
  readonly maxInterval: number;
  /** ±fraction of the interval, drawn uniformly (0.1: ±10 %). */
  readonly jitter: number;
  /** The longest the server's freshness may push a poll back. */
  readonly backoffMax: number;
}

export interface FeedRhythm {
  /** The feed's configured `interval`: no adaptation, no jitter. */
  readonly pinnedMs?: number;
  /** Mean gap between the feed's recent items (updateEveryMs), if known. */
  readonly updateEveryMs?: number;
  /** Time since the newest item the feed published (or since its last new item). */
  readonly quietForMs?: number;
  /** Freshness the server declared on the last answer (Cache-Control max-age, Expires). */
  readonly maxAgeMs?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Milliseconds until the next poll; `random` is a draw in [0, 1). */
export function nextPollDelay(rhythm: FeedRhythm, timing: PollTiming, random: number): number {
  const { minInterval, maxInterval } = timing;
  let delay: number;
  if (rhythm.pinnedMs !== undefined) {
    delay = Math.max(rhythm.pinnedMs, minInterval);
  } else if (rhythm.updateEveryMs === undefined) {
    delay = clamp(timing.defaultInterval, minInterval, Math.max(minInterval, maxInterval));
  } else {
    const expected = Math.max(rhythm.updateEveryMs, rhythm.quietForMs ?? 0);
    const base = clamp(expected / 2, minInterval, Math.max(minInterval, maxInterval));
    delay = Math.max(minInterval, base * (1 + timing.jitter * (2 * random - 1)));
  }
  const fresh = Math.min(rhythm.maxAgeMs ?? 0, timing.backoffMax);
  return Math.round(Math.max(delay, fresh));
}

/**
 * The mean gap between the newest `sample` publication times, or undefined when there are
 * fewer than two distinct times (one item, or a feed that stamps every item with "now").
 */
export function updateEvery(published: readonly number[], sample = 10): number | undefined {
  const times = published
    .filter((t) => Number.isFinite(t))
    .sort((a, b) => b - a)
    .slice(0, sample);
  if (times.length < 2) return undefined;
  const newest = times[0] ?? 0;
  const oldest = times[times.length - 1] ?? 0;
  if (newest === oldest) return undefined;
  return (newest - oldest) / (times.length - 1);
}
