/**
 * The one duration parser: config values ("90s", "5m", "24h", "7d", "250ms") and command
 * arguments ("for 8h", "since 2w") alike.
 *
 *   parseDuration("90m") → 5_400_000      parseDuration("1.5h") → 5_400_000
 *   parseDuration(30, { bare: 's' }) → 30_000 (config: a bare number is seconds)
 *   humanDuration(7_200_000) → "2 hours"
 */

const MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Every spelling of a unit, longest first, → its key in MS. */
const SPELLINGS: readonly [RegExp, string][] = [
  [/^(ms|msecs?|milliseconds?)$/, 'ms'],
  [/^(s|secs?|seconds?)$/, 's'],
  [/^(m|mins?|minutes?)$/, 'm'],
  [/^(h|hrs?|hours?)$/, 'h'],
  [/^(d|days?)$/, 'd'],
  [/^(w|wks?|weeks?)$/, 'w'],
];

export interface DurationOptions {
  /** The unit of a bare number ("30"); without it a unit is required. */
  readonly bare?: 's' | 'ms';
}

/** Milliseconds, or undefined when `input` is not a duration (negative, unknown unit…). */
export function parseDuration(
  input: string | number,
  options: DurationOptions = {},
): number | undefined {
  if (typeof input === 'number') {
    if (!options.bare || !Number.isFinite(input) || input < 0) return undefined;
    return Math.round(input * (MS[options.bare] ?? 1));
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(input);
  if (!m) return undefined;
  const written = (m[2] ?? '').toLowerCase();
  const unit = written === '' ? options.bare : SPELLINGS.find(([re]) => re.test(written))?.[1];
  const size = unit === undefined ? undefined : MS[unit];
  return size === undefined ? undefined : Math.round(Number(m[1]) * size);
}

/** "2 hours", "1 week", "90 minutes": the largest whole unit. */
export function humanDuration(ms: number): string {
  for (const [size, name] of [
    [MS.w, 'week'],
    [MS.d, 'day'],
    [MS.h, 'hour'],
    [MS.m, 'minute'],
  ] as const) {
    if (size !== undefined && ms >= size && ms % size === 0) {
      const n = ms / size;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${Math.round(ms / 60_000)} minutes`;
}

/** "3m ago", "in 2h 5m", "now" (`sitrep feeds`, the worker's start line). */
export function relativeTime(iso: string | undefined, now: Date): string {
  if (!iso) return '-';
  const ms = Date.parse(iso) - now.getTime();
  const abs = Math.abs(ms);
  if (abs < 30_000) return ms > 0 ? 'now' : 'just now';
  const text = inMinutes(abs);
  return ms < 0 ? `${text} ago` : `in ${text}`;
}

/** A wait in the feeds table's units: "45s", "4m", "2h 5m", "3d". */
export function shortDuration(ms: number): string {
  return ms < 60_000 ? `${Math.max(0, Math.round(ms / 1000))}s` : inMinutes(ms);
}

function inMinutes(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60
    ? `${minutes}m`
    : minutes < 48 * 60
      ? `${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`
      : `${Math.round(minutes / 1440)}d`;
}
