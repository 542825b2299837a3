/**
 * The worker's periodic summary: one log line every `log.summaryInterval` with what happened
 * since the last one (feeds polled, new items, alerts sent) and which feeds fail, and when they
 * retry.
 */
import type { Logger } from '../log/logger.js';
import type { PipelineMetrics } from '../queue/metrics.js';
import type { FeedHealth, FeedHealthPort } from '../command/feed-ports.js';

export interface SummaryFigures {
  readonly polls: number;
  readonly newItems: number;
  /** Alerts routed (one per incident version). */
  readonly alerts: number;
  /** Chat messages they became (posted, edited, digests), on every platform and the console. */
  readonly messages: number;
}

/** The counters the summary reads. */
export type SummaryMetrics = Pick<
  PipelineMetrics,
  'polls' | 'itemsNew' | 'alerts' | 'chatDeliveries'
>;

const SHOWN_FAILING = 3;

function inText(nextPoll: string | undefined, now: Date): string {
  if (!nextPoll) return 'no retry planned';
  const min = Math.max(0, Math.round((Date.parse(nextPoll) - now.getTime()) / 60_000));
  return min === 0 ? 'retry now' : `retry in ${min}m`;
}

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * One readable line: "last 5m: 14 feeds polled (16 polls), 3 new items, 1 alert sent (2
 * messages); 2 of 19 feeds failing: a (HTTP 503; retry in 4m), b (…) (sitrep feeds)".
 */
export function summaryLine(
  figures: SummaryFigures,
  feeds: readonly FeedHealth[],
  periodMs: number,
  now: Date,
): string {
  const since = now.getTime() - periodMs;
  const polled = feeds.filter((f) => f.lastPoll && Date.parse(f.lastPoll) > since).length;
  const polls = figures.polls === polled ? '' : ` (${n(figures.polls, 'poll')})`;
  const messages =
    figures.messages === figures.alerts ? '' : ` (${n(figures.messages, 'message')})`;
  const head =
    `last ${Math.round(periodMs / 60_000)}m: ${polled} ${polled === 1 ? 'feed' : 'feeds'} polled${polls}, ` +
    `${n(figures.newItems, 'new item')}, ${n(figures.alerts, 'alert')} sent${messages}`;
  const failing = feeds.filter((f) => f.status === 'failing');
  const active = feeds.filter((f) => f.status !== 'disabled').length;
  if (failing.length === 0) return `${head}; all ${active} feeds ok`;
  const shown = failing
    .slice(0, SHOWN_FAILING)
    .map((f) => `${f.id} (${f.reason ?? 'failing'}; ${inText(f.nextPoll, now)})`);
  const more = failing.length > SHOWN_FAILING ? `, +${failing.length - SHOWN_FAILING} more` : '';
  return `${head}; ${failing.length} of ${active} feeds failing: ${shown.join(', ')}${more} (sitrep feeds)`;
}

async function total(
  counter: { get(): Promise<{ values: Array<{ value: number; labels: object }> }> },
  keep: (labels: Record<string, unknown>) => boolean = () => true,
): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((v) => keep(v.labels as Record<string, unknown>))
    .reduce((sum, v) => sum + v.value, 0);
}

async function figuresOf(metrics: SummaryMetrics): Promise<SummaryFigures> {
  const sent = (l: Record<string, unknown>) =>
    ['posted', 'edited', 'digest'].includes(String(l['outcome']));
  return {
    polls: await total(metrics.polls),
    newItems: await total(metrics.itemsNew),
    alerts: await total(metrics.alerts),
    messages: await total(metrics.chatDeliveries, sent),
  };
}

export interface Summary {
  /** The figures since the previous call (or since the start) and their line. */
  next(now: Date): Promise<{ readonly figures: SummaryFigures; readonly line: string }>;
}

/** Counts from the running totals, so each line covers one period. */
export function createSummary(
  metrics: SummaryMetrics,
  feeds: FeedHealthPort,
  periodMs: number,
): Summary {
  let last: SummaryFigures = { polls: 0, newItems: 0, alerts: 0, messages: 0 };
  return {
    async next(now) {
      // Health first: when Redis is down this throws and the period's counts go to the next line.
      const health = await feeds.list();
      const totals = await figuresOf(metrics);
      const figures = {
        polls: totals.polls - last.polls,
        newItems: totals.newItems - last.newItems,
        alerts: totals.alerts - last.alerts,
        messages: totals.messages - last.messages,
      };
      last = totals;
      return { figures, line: summaryLine(figures, health, periodMs, now) };
    },
  };
}

/** Logs a summary every `intervalMs` (0: never); returns the function that stops it. */
export function startSummary(
  metrics: SummaryMetrics,
  feeds: FeedHealthPort,
  intervalMs: number,
  log: Logger,
): () => void {
  if (intervalMs <= 0) return () => undefined;
  const summary = createSummary(metrics, feeds, intervalMs);
  const timer = setInterval(() => {
    summary
      .next(new Date())
      .then(({ figures, line }) => log.info({ ...figures }, line))
      .catch((err: unknown) => log.debug({ err }, 'summary skipped'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
