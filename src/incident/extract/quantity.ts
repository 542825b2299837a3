/**
 * Quantities as news reports write them: digits ("1,200"), number words ("seven", "twenty-one"),
 * vague words ("a dozen", "dozens", "several") and their modifiers ("at least", "up to").
 *
 * Vague words follow ACLED's most conservative reading: "a dozen" = 12, "dozens" = 12 (min),
 * "tens" = 10, "scores" = 20, "hundreds" = 100; "several", "a few" and "a number of" are an
 * unknown plural, recorded as min 2 with no max. "More than 30"/"over 30" keep 30 as the minimum
 * (the reported figure, as coders record it). "Some"/"about"/"nearly" keep the figure as both
 * min and max (the report's best estimate).
 */
import type { Range } from '../../domain/incident.js';

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** Vague plurals: the conservative minimum, and whether a maximum is known. */
const VAGUE: Record<string, number> = {
  dozens: 12,
  tens: 10,
  scores: 20,
  hundreds: 100,
  thousands: 1000,
  several: 2,
  'a few': 2,
  few: 2,
  'a number of': 2,
  'a handful of': 2,
  multiple: 2,
  numerous: 2,
};

const WORD_NUM = `(?:${Object.keys(TENS).join('|')})(?:[- ](?:${Object.keys(UNITS)
  .filter((w) => !['a', 'an', 'zero', 'single'].includes(w))
  .join('|')}))?|${Object.keys(UNITS)
  .filter((w) => w !== 'single')
  .join('|')}`;
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+|\d+`;
const DOZEN = String.raw`(?:(?:a|one|two|three|four|five|half a)\s+)?dozen`;
const VAGUE_RE = Object.keys(VAGUE)
  .sort((a, b) => b.length - a.length)
  .map((v) => v.replace(/ /g, String.raw`\s+`))
  .join('|');

/** One number (no modifier): digits, words, dozens, vague plurals. */
export const NUMBER_SOURCE = `(?:${DIGITS}|${DOZEN}|${VAGUE_RE}|${WORD_NUM})(?![\\p{L}\\d])`;
const LOWER_MOD = String.raw`at\s+least|no\s+(?:fewer|less)\s+than|more\s+than|over|upwards\s+of|in\s+excess\s+of`;
const UPPER_MOD = String.raw`up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than|under`;
const APPROX_MOD = String.raw`about|around|some|approximately|roughly|nearly|almost|an\s+estimated|estimated|close\s+to|at\s+last`;
/** A quantity with an optional modifier and an optional range ("5 to 10", "five or six"). */
export const QUANTITY_SOURCE = `(?:(?:${LOWER_MOD}|${UPPER_MOD}|${APPROX_MOD})\\s+)?${NUMBER_SOURCE}(?:\\s*(?:to|-|–|or)\\s*${NUMBER_SOURCE})?`;

/** The value of one number phrase, or null when it is not one. `vague` marks unknown plurals. */
export function parseNumber(text: string): { value: number; vague: boolean } | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d[\d,]*$/.test(s)) return { value: Number(s.replace(/,/g, '')), vague: false };
  const dozen = /^(?:(a|one|two|three|four|five|half a) )?dozen$/.exec(s);
  if (dozen) {
    const k = dozen[1] === 'half a' ? 0.5 : (UNITS[dozen[1] ?? 'a'] ?? 1);
    return { value: k * 12, vague: false };
  }
  const vague = VAGUE[s];
  if (vague !== undefined) return { value: vague, vague: true };
  const [first, second] = s.split(/[- ]/);
  if (first !== undefined && TENS[first] !== undefined) {
    return { value: TENS[first] + (second ? (UNITS[second] ?? 0) : 0), vague: false };
  }
  const unit = UNITS[s];
  return unit === undefined ? null : { value: unit, vague: false };
}

const NUMBER_RE = new RegExp(`(?<![\\p{L}\\d])${NUMBER_SOURCE}`, 'giu');

/** Parses a whole quantity phrase ("at least 15", "up to two dozen", "5 to 10") into a range. */
export function parseQuantity(text: string): Range | null {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const numbers = [...s.matchAll(NUMBER_RE)]
    .map((m) => parseNumber(m[0]))
    .filter((n): n is { value: number; vague: boolean } => n !== null);
  const first = numbers[0];
  if (!first) return null;
  const second = numbers[1];
  if (second)
    return { min: Math.min(first.value, second.value), max: Math.max(first.value, second.value) };
  if (first.vague) return { min: first.value, max: null };
  if (new RegExp(`^(?:${LOWER_MOD})\\b`).test(s)) {
    return { min: first.value, max: null };
  }
  if (new RegExp(`^(?:${UPPER_MOD})\\b`).test(s)) return { min: null, max: first.value };
  return { min: first.value, max: first.value };
}
