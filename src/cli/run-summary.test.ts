import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { feedHealth, minutesFrom } from '../../test/support/feed-health.js';
import { createSummary, summaryLine, type SummaryMetrics } from './run-summary.js';

const now = new Date('2026-12-05T12:00:00Z');
const MIN = 60_000;
const at = (minutes: number) => minutesFrom(now, minutes);
const feed = feedHealth;

function counters(): SummaryMetrics {
  const registers = [new Registry()];
  return {
    polls: new Counter({ name: 'polls', help: 'h', labelNames: ['outcome'], registers }),
    itemsNew: new Counter({ name: 'items_new', help: 'h', registers }),
    alerts: new Counter({ name: 'alerts', help: 'h', labelNames: ['kind'], registers }),
    chatDeliveries: new Counter({
      name: 'deliveries',
      help: 'h',
      labelNames: ['platform', 'outcome'],
      registers,
    }),
  };
}

describe('run summary line', () => {
  it('says how many feeds were polled, new items, alerts sent, and that all feeds are fine', () => {
    const feeds = [
      feed('a', { lastPoll: at(-1) }),
      feed('b', { lastPoll: at(-4) }),
      feed('c', { lastPoll: at(-9) }), // before this period
      feed('d', { status: 'disabled' }),
    ];
    expect(
      summaryLine({ polls: 2, newItems: 1, alerts: 1, messages: 1 }, feeds, 5 * MIN, now),
    ).toBe('last 5m: 2 feeds polled, 1 new item, 1 alert sent; all 3 feeds ok');
  });

  it('names the failing feeds with their reason and next retry, three at most', () => {
    const failing = (id: string, retryIn: number, code: number) =>
      feed(id, {
        status: 'failing',
        reason: `HTTP ${code}`,
        lastPoll: at(-2),
        nextPoll: at(retryIn),
        consecutiveFailures: 2,
      });
    const feeds = [
      feed('ok', { lastPoll: at(-1) }),
      failing('f1', 4, 504),
      failing('f2', 12, 502),
      failing('f3', 0.2, 500),
      failing('f4', 30, 503),
    ];
    expect(
      summaryLine({ polls: 7, newItems: 0, alerts: 2, messages: 5 }, feeds, 5 * MIN, now),
    ).toBe(
      'last 5m: 5 feeds polled (7 polls), 0 new items, 2 alerts sent (5 messages); ' +
        '4 of 5 feeds failing: f1 (HTTP 504; retry in 4m), f2 (HTTP 502; retry in 12m), ' +
        'f3 (HTTP 500; retry now), +1 more (sitrep feeds)',
    );
  });

  it('counts each period from the running totals, messages only when sent', async () => {
    const metrics = counters();
    let health = [feed('a', { lastPoll: at(-1) })];
    const summary = createSummary(metrics, { list: async () => health }, 5 * MIN);
    metrics.polls.inc({ outcome: 'fetched' }, 3);
    metrics.itemsNew.inc(4);
    metrics.alerts.inc({ kind: 'new' }, 2);
    metrics.chatDeliveries.inc({ platform: 'console', outcome: 'posted' }, 2);
    metrics.chatDeliveries.inc({ platform: 'slack', outcome: 'failed_transient' }, 5);
    expect((await summary.next(now)).figures).toEqual({
      polls: 3,
      newItems: 4,
      alerts: 2,
      messages: 2,
    });

    metrics.polls.inc({ outcome: 'not_modified' });
    metrics.chatDeliveries.inc({ platform: 'slack', outcome: 'edited' });
    health = [feed('a', { status: 'failing', reason: 'timed out after 30s', nextPoll: at(8) })];
    const second = await summary.next(now);
    expect(second.figures).toEqual({ polls: 1, newItems: 0, alerts: 0, messages: 1 });
    expect(second.line).toBe(
      'last 5m: 0 feeds polled (1 poll), 0 new items, 0 alerts sent (1 message); ' +
        '1 of 1 feeds failing: a (timed out after 30s; retry in 8m) (sitrep feeds)',
    );
  });

  it('keeps a period whose feed health could not be read for the next line', async () => {
    const metrics = counters();
    let down = true;
    const summary = createSummary(
      metrics,
      {
        list: async () => {
          if (down) throw new Error('Redis down');
          return [];
        },
      },
      5 * MIN,
    );
    metrics.itemsNew.inc(3);
    await expect(summary.next(now)).rejects.toThrow('Redis down');
    down = false;
    expect((await summary.next(now)).figures.newItems).toBe(3);
  });
});
