/**
 * A publication date from a report URL's path, for reports without a publish time:
 * "/2021/02/16/", "/2020-03-11/", "/20260301/", "/2020/mar/11/" (day); "/2024/01/" (month).
 */

export interface UrlDate {
  /** UTC midnight of the day, or of the first of the month. */
  readonly ms: number;
  readonly precision: 'day' | 'month';
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_PATTERNS: readonly RegExp[] = [
  /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?=[/_.-]|$)/,
  /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/,
  /[/-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/,
];
const NAMED_MONTH = /\/((?:19|20)\d{2})\/([a-z]{3})\/(\d{1,2})(?=\/|$)/i;
const MONTH_ONLY = /\/((?:19|20)\d{2})\/(\d{1,2})(?=\/|$)/;

function valid(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const ms = Date.UTC(y, m - 1, d);
  return new Date(ms).getUTCDate() === d ? ms : null;
}

export function urlDate(url: string | undefined): UrlDate | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  for (const re of DAY_PATTERNS) {
    const m = re.exec(path);
    const ms = m ? valid(Number(m[1]), Number(m[2]), Number(m[3])) : null;
    if (ms !== null) return { ms, precision: 'day' };
  }
  const named = NAMED_MONTH.exec(path);
  if (named?.[2]) {
    const ms = valid(
      Number(named[1]),
      MONTHS.indexOf(named[2].toLowerCase()) + 1,
      Number(named[3]),
    );
    if (ms !== null) return { ms, precision: 'day' };
  }
  const month = MONTH_ONLY.exec(path);
  const ms = month ? valid(Number(month[1]), Number(month[2]), 1) : null;
  return ms === null ? null : { ms, precision: 'month' };
}
