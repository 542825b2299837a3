/** Feed health as the command core and the CLI see it, for tests: an ok feed unless told. */
import type { FeedHealth } from '../../src/command/feed-ports.js';

export function feedHealth(id: string, extra: Partial<FeedHealth> = {}): FeedHealth {
  return {
    id,
    name: id,
    url: `https://${id}.example/rss`,
    status: 'ok',
    consecutiveFailures: 0,
    ...extra,
  };
}

/** ISO time `minutes` after (negative: before) `now`. */
export const minutesFrom = (now: Date, minutes: number): string =>
  new Date(now.getTime() + minutes * 60_000).toISOString();
