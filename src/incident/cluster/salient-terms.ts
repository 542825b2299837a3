/**
 * Words two reports of one event tend to share beyond the gazetteer: proper names written in the
 * story ("Abu Khadija", "Gweiran", "KC-135") and figures ("75 targets", "2,000 troops", "four
 * service members"). Dates and years are left to the time rules.
 */
import { normaliseText } from '../../gazetteer/normalise.js';
import { parseNumber } from '../extract/quantity.js';

const NAME = /(?<![\p{L}\d'-])\p{Lu}[\p{L}\d'-]*(?:-\d+)?/gu;
const FIGURE =
  /(?<![\p{L}\d.,:/-])(\d{1,3}(?:,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundreds)(?![\p{L}\d:/-]|[.,]\d)/giu;
const MONTH =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$|\b(?:on|since|in)\s+$/i;
const MONTH_AFTER = /^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
/** Capitalised function words that open clauses and carry no name. */
const NOT_NAMES = new Set(
  'the a an and but or in on at of for to from by with as it its he she they we this that these those his her their there here when while after before during since officials said us u s'.split(
    ' ',
  ),
);

/** True when most words of the line are capitalised (a headline in Title Case). */
function titleCase(text: string): boolean {
  const words = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return words.length > 0 && caps / words.length > 0.6;
}

/**
 * Capitalised words that do not open their sentence, lower-cased, leaving out the words of
 * gazetteer names (`known`: those are compared as entities).
 */
export function properNames(texts: readonly string[], known: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    if (titleCase(text)) continue;
    for (const m of text.matchAll(NAME)) {
      if (m.index === 0) continue;
      const word = normaliseText(m[0]);
      if (word.length > 2 && !NOT_NAMES.has(word) && !known.has(word)) out.add(word);
    }
  }
  return out;
}

/** Figures in the texts, not counting years, days of a month or clock times. */
export function figures(texts: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const text of texts) {
    for (const m of text.matchAll(FIGURE)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
      if (MONTH.test(before) || MONTH_AFTER.test(after)) continue;
      const n = parseNumber(m[0]);
      if (!n || (/^\d{4}$/.test(m[0]) && n.value >= 1900 && n.value <= 2100)) continue;
      out.add(n.value);
    }
  }
  return out;
}
