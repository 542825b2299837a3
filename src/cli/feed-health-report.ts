/**
 * What `sitrep feeds` prints: each feed's health (from the feed state store) joined with its
 * place in the shared poll schedule, as a table for people or as JSON lines for programs.
 */
import type { FeedHealth } from '../command/feed-ports.js';
import { relativeTime } from '../domain/duration.js';
import type { ScheduleSnapshot } from '../queue/schedule/feed-schedule.js';

/** A due time this far in the past means no worker is polling (a worker claims within a second). */
const OVERDUE_MS = 60_000;
const ERROR_WIDTH = 50;

export interface FeedHealthRow {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly state: FeedHealth['status'];
  readonly lastPoll?: string;
  readonly lastSuccess?: string;
  readonly lastError?: string;
  readonly lastErrorAt?: string;
  readonly consecutiveFailures: number;
  /** When it is polled next (ISO, this machine's clock); absent when not scheduled. */
  readonly nextPoll?: string;
  /** A worker is polling it right now. */
  readonly polling: boolean;
  /** Its poll is more than a minute late: no worker is running (or all are stuck). */
  readonly overdue: boolean;
}

/** Joins health and schedule; `now` is this machine's clock, to translate the Redis clock. */
export function feedHealthRows(
  feeds: readonly FeedHealth[],
  schedule: ScheduleSnapshot,
  now: Date,
): FeedHealthRow[] {
  const skew = now.getTime() - schedule.now;
  return feeds.map((f) => {
    const due = schedule.dueAt.get(f.id);
    const nextPoll =
      due !== undefined
        ? new Date(due + skew).toISOString()
        : f.status === 'disabled'
          ? undefined
          : f.nextPoll;
    return {
      id: f.id,
      name: f.name,
      url: f.url,
      state: f.status,
      ...(f.lastPoll ? { lastPoll: f.lastPoll } : {}),
      ...(f.lastSuccess ? { lastSuccess: f.lastSuccess } : {}),
      ...(f.lastError ? { lastError: f.lastError } : {}),
      ...(f.lastErrorAt ? { lastErrorAt: f.lastErrorAt } : {}),
      consecutiveFailures: f.consecutiveFailures,
      ...(nextPoll ? { nextPoll } : {}),
      polling: schedule.polling.has(f.id),
      overdue: due !== undefined && schedule.now - due > OVERDUE_MS,
    };
  });
}

function nextPollText(row: FeedHealthRow, now: Date): string {
  if (row.polling) return 'polling now';
  if (!row.nextPoll) return row.state === 'disabled' ? '-' : 'not scheduled';
  if (row.overdue) return `overdue ${relativeTime(row.nextPoll, now).replace(' ago', '')}`;
  const when = relativeTime(row.nextPoll, now);
  const text = when === 'now' || when === 'just now' || when.endsWith('ago') ? 'due now' : when;
  return row.state === 'failing' ? `retry ${text}` : text;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export interface FeedTotals {
  readonly feeds: number;
  readonly byState: Readonly<Record<FeedHealth['status'], number>>;
  readonly overdue: number;
  /** Enabled feeds with no next poll: no worker has scheduled them on this Redis prefix. */
  readonly unscheduled: number;
  /** The soonest retry among failing feeds (ISO). */
  readonly nextRetry?: string;
}

export function feedTotals(rows: readonly FeedHealthRow[]): FeedTotals {
  const byState = { ok: 0, failing: 0, new: 0, disabled: 0 };
  for (const r of rows) byState[r.state]++;
  const retries = rows
    .filter((r) => r.state === 'failing' && r.nextPoll)
    .map((r) => r.nextPoll ?? '')
    .sort();
  return {
    feeds: rows.length,
    byState,
    overdue: rows.filter((r) => r.overdue).length,
    unscheduled: rows.filter((r) => r.state !== 'disabled' && !r.nextPoll && !r.polling).length,
    ...(retries[0] ? { nextRetry: retries[0] } : {}),
  };
}

/** "14 feeds: 11 ok, 2 failing (next retry in 4m), 1 new, 0 disabled". */
export function totalsLine(totals: FeedTotals, now: Date): string {
  const s = totals.byState;
  const retry = totals.nextRetry ? ` (next retry ${relativeTime(totals.nextRetry, now)})` : '';
  const parts = [
    `${totals.feeds} feed${totals.feeds === 1 ? '' : 's'}: ${s.ok} ok`,
    `${s.failing} failing${retry}`,
    `${s.new} not polled yet`,
    `${s.disabled} disabled`,
  ];
  const notes = [
    ...(totals.overdue > 0 ? [`${totals.overdue} overdue by more than a minute`] : []),
    ...(totals.unscheduled > 0 ? [`${totals.unscheduled} not scheduled`] : []),
  ];
  const hint = notes.length > 0 ? `; ${notes.join(', ')}: is a worker running? (sitrep start)` : '';
  return parts.join(', ') + hint;
}

/** A plain-text table, one row per feed, then the totals line. */
export function feedHealthTable(rows: readonly FeedHealthRow[], now: Date): string {
  const header = ['FEED', 'HOST', 'STATE', 'LAST POLL', 'FAILS', 'NEXT POLL', 'LAST ERROR'];
  const cells = rows.map((r) => [
    r.id,
    hostOf(r.url),
    r.state === 'new' ? 'not polled yet' : r.state,
    relativeTime(r.lastPoll, now),
    String(r.consecutiveFailures),
    nextPollText(r, now),
    r.lastError ? `${clip(r.lastError, ERROR_WIDTH)} (${relativeTime(r.lastErrorAt, now)})` : '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...cells.map(line), '', totalsLine(feedTotals(rows), now)].join('\n');
}
