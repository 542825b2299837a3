/**
 * Quiet hours in a time zone (Intl API, so daylight saving is the platform's business): is an
 * instant inside them, and when do they end.
 */
import type { QuietHours } from '../domain/subscription.js';

const MINUTES_PER_DAY = 24 * 60;

/** "07:30" → 450; undefined when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^([01]?\d|2[0-3]):?([0-5]\d)?$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2] ?? 0);
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight in `timeZone`. */
export function localMinutes(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** True when `now` falls inside the quiet hours (start inclusive, end exclusive). */
export function isQuiet(q: QuietHours, now: Date): boolean {
  const start = parseClock(q.start);
  const end = parseClock(q.end);
  if (start === undefined || end === undefined || start === end) return false;
  const t = localMinutes(now, q.timeZone);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/** The instant the quiet hours that contain `now` end (to the minute). */
export function quietEnd(q: QuietHours, now: Date): Date {
  const end = parseClock(q.end) ?? 0;
  const t = localMinutes(now, q.timeZone);
  const minutes = (end - t + MINUTES_PER_DAY) % MINUTES_PER_DAY || MINUTES_PER_DAY;
  const at = new Date(now.getTime() + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}
