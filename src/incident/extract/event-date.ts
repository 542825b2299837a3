/**
 * The event date, resolved from what the report says ("on Sunday night", "early Thursday",
 * "yesterday", "last week", "Aug. 29", "January 28, 2024") against its publish time.
 * A weekday means the most recent such day on or before the publish date. Dates after the
 * publish date (deadlines such as "by September 2025") are not event dates. Without a publish
 * time only fully explicit dates (day, month and year) count.
 */
import * as chrono from 'chrono-node';
import type { IncidentFacts } from '../../domain/incident.js';

export interface EventDate {
  readonly date: string | null;
  readonly precision: IncidentFacts['eventDatePrecision'];
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_RE = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i;
const SAME_DAY_RE =
  /\b(today|tonight|this (?:morning|afternoon|evening)|earlier today|overnight)\b/i;
const WEEK_RE = /\b(?:last|past|this)\s+week(?:end)?\b/i;
const NONE: EventDate = { date: null, precision: 'unknown' };

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function weekdayOnOrBefore(ref: Date, weekday: string): string {
  const target = WEEKDAYS.indexOf(weekday.toLowerCase());
  const back = (ref.getUTCDay() - target + 7) % 7;
  return isoDay(ref.getTime() - back * DAY_MS);
}

const DEADLINE_BEFORE =
  /\b(?:by|until|till|before|through|deadline|end\s+of|no\s+later\s+than)\s+(?:the\s+)?$/i;
/** "…, officials said on Friday": the date of the statement, not of the event. */
const REPORTING_BEFORE =
  /\b(?:said|says|wrote|announced|told|reported|confirmed|stated|tweeted|posted|added|disclosed|acknowledged)\s+(?:on\s+|late\s+|early\s+)?$/i;
const EXPLICIT_YEAR = /\b(?:19|20)\d{2}\b/;

function fromResult(r: chrono.ParsedResult, ref: Date | null, sentence: string): EventDate | null {
  const c = r.start;
  if (DEADLINE_BEFORE.test(sentence.slice(Math.max(0, r.index - 30), r.index))) return null;
  if (!ref && !EXPLICIT_YEAR.test(r.text)) return null;
  const weekday = WEEKDAY_RE.exec(r.text);
  if (weekday?.[1] && !c.isCertain('day')) {
    return ref ? { date: weekdayOnOrBefore(ref, weekday[1]), precision: 'day' } : null;
  }
  const ms = c.date().getTime();
  if (ref && ms > ref.getTime() + DAY_MS) return null;
  if (c.isCertain('day') && c.isCertain('month')) {
    if (!c.isCertain('year') && !ref) return null;
    return { date: isoDay(ms), precision: WEEK_RE.test(r.text) ? 'week' : 'day' };
  }
  if (ref && SAME_DAY_RE.test(r.text)) return { date: isoDay(ref.getTime()), precision: 'day' };
  if (c.isCertain('month') && c.isCertain('year')) return { date: isoDay(ms), precision: 'month' };
  return null;
}

/** Parses a publish time (ISO date or date-time); null when missing or invalid. */
export function parsePublished(published: string | null | undefined): Date | null {
  if (!published) return null;
  const d = new Date(published);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Sentences without any of these cannot hold a date: chrono is not asked (it is the slow part). */
const DATE_HINT =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*\d|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:yesterday|today|tonight|overnight|this (?:morning|afternoon|evening)|last (?:night|week(?:end)?)|past week|this week)\b|\d{4}-\d{2}-\d{2}/i;

/** "now", "currently": the time of writing, never the event's. */
const PRESENT_RE = /^(?:right\s+)?(?:now|currently)$/i;
/** How far a day may lie from a week-precision date ("last week") and still refine it. */
const WEEK_SPAN_MS = 6 * DAY_MS;

/** What may stand before a date line: a publication word, or a place and a comma ("BAGHDAD, "). */
const DATE_LINE_BEFORE =
  /^\s*(?:(?:(?:first\s+|last\s+)?(?:published|posted|updated|dated|issued)(?:\s+on)?\s*:?\s*)|(?:\p{Lu}[\p{L}.'-]*\s+){0,3}\p{Lu}[\p{L}.'-]*,\s*)?$/iu;
/** What follows a date line: a separator, the end, a clock time, or (after a year) the story. */
const DATE_LINE_AFTER = /^\s*(?:[|—–:•/-]|\(|\.?\s*$|,?\s*(?:at\s+)?\d{1,2}[:.]\d{2})/;
const PREPOSITION_FIRST = /^(?:on|early|late|in|by|since|from|until|before|after|during)\b/i;
const STORY_AFTER_YEAR = /^\s*,?\s*["“]?\p{Lu}/u;

/**
 * A date line or publication line ("Sept. 2, 2024 — …", "Monday, September 2, 2024 US forces…",
 * "Posted September 2, 2024 at 10:15 am"): the date of the report, not of the event. It is a
 * calendar date at the start of the sentence, with no preposition before it.
 */
function isDateLine(r: chrono.ParsedResult, sentence: string): boolean {
  if (!r.start.isCertain('day') || !r.start.isCertain('month')) return false;
  if (PREPOSITION_FIRST.test(r.text)) return false;
  if (!DATE_LINE_BEFORE.test(sentence.slice(0, r.index))) return false;
  const after = sentence.slice(r.index + r.text.length);
  return (
    DATE_LINE_AFTER.test(after) || (EXPLICIT_YEAR.test(r.text) && STORY_AFTER_YEAR.test(after))
  );
}

/**
 * Recent sentences' candidates. A report's lead sentences are read twice (when the item is
 * clustered, and when its incident is rebuilt from the stored source after the save), and chrono
 * is the slow part of extraction; the answer depends only on the sentence and the two dates.
 */
const MEMO_SIZE = 4096;
const memo = new Map<string, readonly Candidate[]>();
/** Sentences given to chrono so far (the cache's misses). */
let chronoParses = 0;

/** How many sentences chrono has parsed in this process: tests count the cache's misses. */
export const chronoParseCount = (): number => chronoParses;

/** Forgets the cached candidates (tests: counts that other tests' extractions do not answer). */
export function clearEventDateCache(): void {
  memo.clear();
}

/** One sentence's event-date candidates, event dates before statement dates. */
function candidates(s: string, published: Date | null, instant: Date): readonly Candidate[] {
  const key = `${published?.getTime() ?? ''}|${instant.getTime()}|${s}`;
  const known = memo.get(key);
  if (known) return known;
  chronoParses += 1;
  const found = parseCandidates(s, published, instant);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, found);
  return found;
}

function parseCandidates(s: string, published: Date | null, instant: Date): readonly Candidate[] {
  const results = chrono.parse(s, { instant, timezone: 0 }, { forwardDate: false });
  const ordered = results.filter((r) => !PRESENT_RE.test(r.text.trim()) && !isDateLine(r, s));
  const dates = ordered
    .filter((r) => !reporting(r, s))
    .map((r) => fromResult(r, published, s))
    .filter((d): d is EventDate => d !== null);
  const late = ordered
    .filter((r) => reporting(r, s))
    .map((r) => fromResult(r, published, s))
    .filter((d): d is EventDate => d !== null);
  return [...dates, ...late.map((d) => ({ ...d, statement: true }))];
}

/** A day that falls inside a week-precision date's span refines it. */
function refines(week: EventDate, day: EventDate): boolean {
  if (day.precision !== 'day' || !week.date || !day.date) return false;
  return Math.abs(Date.parse(day.date) - Date.parse(week.date)) <= WEEK_SPAN_MS;
}

/**
 * The first resolvable event date in the sentences (in order), or unknown. A week-precision
 * date ("last week's attacks") is refined by a later explicit day inside that week ("on
 * Oct. 18"), never by the date of a statement ("said Tuesday").
 */
export function resolveEventDate(sentences: readonly string[], published: Date | null): EventDate {
  const instant = published ?? new Date(0);
  let week: EventDate | null = null;
  for (const s of sentences) {
    if (!DATE_HINT.test(s)) continue;
    if (!week && ref(published) && SAME_DAY_RE.test(s) && !WEEKDAY_RE.test(s)) {
      const explicit = candidates(s, published, instant)[0];
      return strip(explicit ?? { date: isoDay(instant.getTime()), precision: 'day' });
    }
    for (const d of candidates(s, published, instant)) {
      if (!week) {
        if (d.precision !== 'week') return strip(d);
        week = d;
      } else if (!isStatement(d) && refines(week, d)) {
        return strip(d);
      }
    }
  }
  return week ?? NONE;
}

interface Candidate extends EventDate {
  readonly statement?: boolean;
}

function isStatement(d: Candidate): boolean {
  return d.statement === true;
}

function strip(d: Candidate): EventDate {
  return { date: d.date, precision: d.precision };
}

function reporting(r: chrono.ParsedResult, sentence: string): boolean {
  return REPORTING_BEFORE.test(sentence.slice(Math.max(0, r.index - 40), r.index));
}

function ref(published: Date | null): published is Date {
  return published !== null;
}
