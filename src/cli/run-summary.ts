/**
 * The worker's periodic summary: one log line every `log.summaryInterval` with what happened
 * since the last one (polls, new items, alerts sent) and which feeds fail, and when they retry.
 */
import type { Logger } from '../log/logger.js';
import type { PipelineMetrics } from '../queue/metrics.js';
import type { FeedHealth, FeedHealthPort } from '../command/feed-ports.js';

export interface SummaryFigures {
  readonly polls: number;
  readonly newItems: number;
  readonly alerts: number;
}

const SHOWN_FAILING = 3;

function inText(nextPoll: string | undefined, now: Date): string {
  if (!nextPoll) return 'no retry planned';
  const min = Math.max(0, Math.round((Date.parse(nextPoll) - now.getTime()) / 60_000));
  return min === 0 ? 'retry now' : `retry in ${min}m`;
}

/** One readable line: "last 5m: 12 polls, 3 new items, 1 alert sent; 2 of 14 feeds failing: …". */
export function summaryLine(
  figures: SummaryFigures,
  feeds: readonly FeedHealth[],
  periodMs: number,
  now: Date,
): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const head = `last ${Math.round(periodMs / 60_000)}m: ${n(figures.polls, 'poll')}, ${n(figures.newItems, 'new item')}, ${n(figures.alerts, 'alert')} sent`;
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

async function figuresOf(metrics: PipelineMetrics): Promise<SummaryFigures> {
  const sent = (l: Record<string, unknown>) =>
    ['posted', 'edited', 'digest'].includes(String(l['outcome']));
  return {
    polls: await total(metrics.polls),
    newItems: await total(metrics.itemsNew),
    alerts: (await total(metrics.alerts)) + (await total(metrics.chatDeliveries, sent)),
  };
}

/** Logs a summary every `intervalMs` (0: never); returns the function that stops it. */
export function startSummary(
  metrics: PipelineMetrics,
  feeds: FeedHealthPort,
  intervalMs: number,
  log: Logger,
): () => void {
  if (intervalMs <= 0) return () => undefined;
  let last: SummaryFigures = { polls: 0, newItems: 0, alerts: 0 };
  const timer = setInterval(() => {
    void (async () => {
      const now = await figuresOf(metrics);
      const delta = {
        polls: now.polls - last.polls,
        newItems: now.newItems - last.newItems,
        alerts: now.alerts - last.alerts,
      };
      last = now;
      const health = await feeds.list();
      log.info({ ...delta }, summaryLine(delta, health, intervalMs, new Date()));
    })().catch((err: unknown) => log.debug({ err }, 'summary skipped'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
