/**
 * Text normalisation shared by the gazetteer, the matcher and subscriptions: case- and
 * diacritic-insensitive, apostrophes and dots inside words dropped ("Kata'ib" → "kataib",
 * "U.S." → "us"), hyphens and other punctuation split words ("al-Asad" → "al asad").
 */

export interface Token {
  /** Normalised form: lower case, no diacritics, no inner apostrophes or dots. */
  readonly norm: string;
  /** Same but case kept: for aliases that only count in capitals ("IS", "US"). */
  readonly cased: string;
  readonly start: number;
  readonly end: number;
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’‘`ʼ.][\p{L}\p{N}]+)*/gu;
const INNER_RE = /['’‘`ʼ.]/g;
const POSSESSIVE_RE = /['’‘`ʼ]s$/i;
const PLAIN_RE = /^[A-Za-z0-9]+$/;

export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '');
}

function fold(word: string): string {
  if (PLAIN_RE.test(word)) return word;
  const stem = word.replace(POSSESSIVE_RE, '');
  return stripDiacritics(stem).replace(INNER_RE, '');
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const cased = fold(m[0]);
    out.push({ norm: cased.toLowerCase(), cased, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The normalised words of `text` joined by single spaces. */
export function normaliseText(text: string): string {
  return tokenize(text)
    .map((t) => t.norm)
    .join(' ');
}
