/**
 * The weekly map's slot: the most recent "Monday 08:00 in Asia/Baghdad" (or whatever day, time
 * and zone are configured) at or before an instant, named by its local date so that every
 * worker, and a worker after a restart, names the same week the same way.
 */
import { localMinutes, parseClock } from './quiet-hours.js';

export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WeeklySchedule {
  readonly day: Weekday;
  /** "08:00", local to `timeZone`. */
  readonly time: string;
  readonly timeZone: string;
}

export interface WeeklySlot {
  /** The slot's local date, "2026-12-07": the week's key. */
  readonly key: string;
  /** Minutes from the slot to `now` (local wall clock; ≥ 0). */
  readonly minutesSince: number;
}

const DAY_MS = 86_400_000;

/** Local calendar date and weekday of an instant in a time zone. */
function localDay(now: Date, timeZone: string): { date: string; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'long',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month')}-${get('day')}`,
    weekday: WEEKDAYS.indexOf(get('weekday').toLowerCase() as Weekday),
  };
}

export function weeklySlot(now: Date, schedule: WeeklySchedule): WeeklySlot {
  const at = parseClock(schedule.time) ?? 0;
  const { date, weekday } = localDay(now, schedule.timeZone);
  const minutes = localMinutes(now, schedule.timeZone);
  let daysBack = (weekday - WEEKDAYS.indexOf(schedule.day) + 7) % 7;
  if (daysBack === 0 && minutes < at) daysBack = 7;
  const slotDate = new Date(Date.parse(`${date}T00:00:00Z`) - daysBack * DAY_MS);
  return {
    key: slotDate.toISOString().slice(0, 10),
    minutesSince: daysBack * 24 * 60 + minutes - at,
  };
}
