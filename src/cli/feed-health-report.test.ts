import { describe, expect, it } from 'vitest';
import { feedHealth, minutesFrom } from '../../test/support/feed-health.js';
import { relativeTime } from '../domain/duration.js';
import { feedHealthRows, feedTotals, totalsLine } from './feed-health-report.js';

const now = new Date('2026-12-05T12:00:00Z');
const at = (minutes: number) => minutesFrom(now, minutes);
const feed = feedHealth;

describe('feed health report', () => {
  it('writes times relative to now, in minutes, hours or days', () => {
    expect(relativeTime(undefined, now)).toBe('-');
    expect(relativeTime(at(0.2), now)).toBe('now');
    expect(relativeTime(at(-0.2), now)).toBe('just now');
    expect(relativeTime(at(-7), now)).toBe('7m ago');
    expect(relativeTime(at(125), now)).toBe('in 2h 5m');
    expect(relativeTime(at(-180), now)).toBe('3h ago');
    expect(relativeTime(at(3 * 1440), now)).toBe('in 3d');
  });

  it('takes the next poll from the schedule, on this machine clock, and flags late polls', () => {
    // The Redis clock runs 5 minutes behind this machine's.
    const redisNow = now.getTime() - 5 * 60_000;
    const rows = feedHealthRows(
      [feed('a', { nextPoll: at(99) }), feed('b'), feed('c', { status: 'disabled' }), feed('d')],
      {
        now: redisNow,
        dueAt: new Map([
          ['a', redisNow + 4 * 60_000],
          ['b', redisNow - 2 * 60_000],
        ]),
        polling: new Set(['d']),
      },
      now,
    );
    expect(rows.map((r) => [r.id, r.nextPoll, r.overdue, r.polling])).toEqual([
      ['a', at(4), false, false],
      ['b', at(-2), true, false],
      ['c', undefined, false, false],
      ['d', undefined, false, true],
    ]);
  });

  it('counts every state and names the soonest retry', () => {
    const rows = feedHealthRows(
      [
        feed('a'),
        feed('b', { status: 'failing', consecutiveFailures: 3, nextPoll: at(40) }),
        feed('c', { status: 'failing', consecutiveFailures: 1, nextPoll: at(9) }),
        feed('d', { status: 'new' }),
      ],
      { now: now.getTime(), dueAt: new Map([['a', now.getTime() + 60_000]]), polling: new Set() },
      now,
    );
    expect(totalsLine(feedTotals(rows), now)).toBe(
      '4 feeds: 1 ok, 2 failing (next retry in 9m), 1 not polled yet, 0 disabled; ' +
        '1 not scheduled: is a worker running? (sitrep start)',
    );
  });
});
