import * as chrono from 'chrono-node';

/** Zone names that Date.parse does not know (it knows UT, GMT, Z and the US zones). */
const ZONES: Record<string, string> = {
  UTC: '+0000',
  WET: '+0000',
  BST: '+0100',
  CET: '+0100',
  MET: '+0100',
  WEST: '+0100',
  CEST: '+0200',
  MEST: '+0200',
  EET: '+0200',
  EEST: '+0300',
  MSK: '+0300',
  AST: '+0300',
  IST: '+0530',
  SGT: '+0800',
  HKT: '+0800',
  AWST: '+0800',
  JST: '+0900',
  KST: '+0900',
  ACST: '+0930',
  AEST: '+1000',
  AEDT: '+1100',
  NZST: '+1200',
  NZDT: '+1300',
  HST: '-1000',
  AKST: '-0900',
  AKDT: '-0800',
};

const ISO_NO_ZONE = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?)$/;
const ISO_SPACE_ZONE =
  /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*([+-]\d\d:?\d\d|Z)$/i;
const HAS_ZONE = /(?:\b(?:GMT|UTC?|Z|[ECMP][SD]T)|[+-]\d\d:?\d\d)$/i;
const LOOKS_LIKE_DATE = /\d{4}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const NUMERIC_ZONE = /([+-])(\d\d)(\d\d)$/;
/**
 * The two forms nearly every feed writes, RFC 822 with GMT or an offset (RSS) and ISO 8601 with
 * Z or an offset (Atom): Date.parse reads them as they are, as it reads what `tidy` would make
 * of them. Read for every item of every fetched document, so they skip the tidying.
 */
const STRICT_RFC_822 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d (?:GMT|[+-]\d{4})$/;
const STRICT_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?(?:Z|[+-]\d\d:\d\d)$/;

function tidy(input: string): string {
  let s = input.trim().replace(/\s+/g, ' ');
  const iso = ISO_NO_ZONE.exec(s);
  if (iso) return `${iso[1]}T${(iso[2] ?? '').replace(',', '.')}Z`;
  const spaced = ISO_SPACE_ZONE.exec(s);
  if (spaced) {
    const zone = (spaced[3] ?? 'Z').replace(NUMERIC_ZONE, '$1$2:$3');
    return `${spaced[1]}T${spaced[2]}${zone}`;
  }
  // RFC 822 with a zone name Date.parse does not know: swap in the offset.
  s = s.replace(/\b([A-Z]{3,4})$/, (name: string) => ZONES[name] ?? name);
  // "Mon, 01 Jan 2024" with a wrong or misspelt weekday: the weekday carries nothing.
  return s.replace(/^[A-Za-z]{2,9}\.?,? (?=\d)/, '');
}

/**
 * Parses a feed date: RFC 822 (RSS), ISO 8601 / W3C-DTF (Atom, Dublin Core) and common sloppy
 * variants (no zone → UTC, zone names, space instead of "T", missing or wrong weekday).
 * Returns undefined when the text is not a date.
 */
export function parseFeedDate(input: string | undefined): Date | undefined {
  if (!input) return undefined;
  if (STRICT_RFC_822.test(input) || STRICT_ISO.test(input)) {
    const ms = Date.parse(input);
    if (!Number.isNaN(ms)) return plausible(new Date(ms));
  }
  if (!/\d/.test(input) || !LOOKS_LIKE_DATE.test(input)) return undefined;
  const text = tidy(input);
  // Without a zone, Date.parse reads a legacy date as local time: feeds mean UTC.
  const zoned = HAS_ZONE.test(text) ? NaN : Date.parse(`${text} GMT`);
  const ms = Number.isNaN(zoned) ? Date.parse(text) : zoned;
  if (!Number.isNaN(ms)) return plausible(new Date(ms));
  const guessed = chrono.parseDate(text, { instant: new Date(0), timezone: 'UTC' });
  return guessed ? plausible(guessed) : undefined;
}

function plausible(date: Date): Date | undefined {
  const year = date.getUTCFullYear();
  return year >= 1970 && year < 2200 ? date : undefined;
}
