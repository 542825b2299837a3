/**
 * Text similarity for clustering: weighted word vectors (cosine) and word-shingle sets
 * (Jaccard, for syndicated copies). Words every report in this domain shares ("Iraq", "US",
 * "forces", "attack") weigh less than the words that tell events apart ("Taji", "parliament").
 */
import { isStopword } from '../../domain/stopwords.js';
import { tokenize } from '../../gazetteer/normalise.js';

export type TermVector = ReadonlyMap<string, number>;

/** Besides the stopwords: what every news report says, whatever happened. */
const REPORTING_WORDS = new Set(
  (
    'after before during over under about not no all any some more most ' +
    'said says say told according reported reports report officials official would could will can may ' +
    'one two three four five six seven eight nine ten new last first other others since amid near'
  ).split(/\s+/),
);
const GENERIC = new Set(
  (
    'iraq iraqi syria syrian us u s american americans united states forces force troops troop soldiers ' +
    'military attack attacks base bases killed kill kills injured wounded coalition isis islamic state ' +
    'group war country region statement officials government security'
  ).split(/\s+/),
);
const GENERIC_WEIGHT = 0.35;

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Content words of a text, normalised and lightly stemmed. */
export function contentWords(text: string): string[] {
  return tokenize(text)
    .map((t) => t.norm)
    .filter((w) => w.length > 1 && !isStopword(w) && !REPORTING_WORDS.has(w))
    .map(stem);
}

/** A unit-length weighted term vector. */
export function termVector(text: string): TermVector {
  const v = new Map<string, number>();
  for (const w of contentWords(text)) {
    v.set(w, (v.get(w) ?? 0) + (GENERIC.has(w) ? GENERIC_WEIGHT : 1));
  }
  return normalise(v);
}

export function normalise(v: Map<string, number>): Map<string, number> {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/** Adds `b` into `a` (for centroids); call `normalise` after. */
export function addInto(a: Map<string, number>, b: TermVector): void {
  for (const [k, x] of b) a.set(k, (a.get(k) ?? 0) + x);
}

export function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) dot += x * (large.get(k) ?? 0);
  return dot;
}

/** Word 3-gram shingles of a text (all words, normalised). */
export function shingles(text: string, n = 3): Set<string> {
  const words = tokenize(text).map((t) => t.norm);
  const out = new Set<string>();
  for (let i = 0; i + n <= words.length; i += 1) out.add(words.slice(i, i + n).join(' '));
  if (out.size === 0 && words.length > 0) out.add(words.join(' '));
  return out;
}

export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter += 1;
  return inter / (a.size + b.size - inter);
}
