/**
 * The date in a story's dateline ("ERBIL, Iraq, Nov 24 (Reuters) —", "Baghdad, 24 November:"),
 * for pages that give no publication date in their metadata. A dateline without a year is the
 * latest such day on or before `now` (the fetch time).
 */
import * as chrono from 'chrono-node';

/** The dateline: a short prefix of the first paragraph, up to its dash, colon or agency. */
const DATELINE = /^(.{3,60}?)(?:\s+[—–-]+\s|\s*\((?:AP|AFP|Reuters|[A-Z]{2,6})\)|:\s)/u;
const DAY_MS = 86_400_000;

/** ISO date-time (midday UTC) of the dateline's day, or undefined when it names none. */
export function datelineDate(paragraph: string, now: Date): string | undefined {
  const m = DATELINE.exec(paragraph.trim());
  if (!m?.[1]) return undefined;
  const found = chrono.parse(m[1], now, { forwardDate: false })[0];
  if (!found || !found.start.isCertain('day') || !found.start.isCertain('month')) return undefined;
  const day = found.start.date();
  let at = Date.UTC(day.getFullYear(), day.getMonth(), day.getDate(), 12);
  // chrono picks the nearest year; a dateline is never after the fetch.
  if (!found.start.isCertain('year') && at > now.getTime() + DAY_MS)
    at = Date.UTC(day.getFullYear() - 1, day.getMonth(), day.getDate(), 12);
  if (at > now.getTime() + DAY_MS) return undefined;
  return new Date(at).toISOString();
}
