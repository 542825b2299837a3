/** Word normalisation for the learned model's n-gram features. */
import { stemmer } from 'stemmer';

/** Function words that carry no topic signal on their own. */
const FUNCTION_WORDS = new Set(
  (
    'a an the and or but of in on at to from by with for as is are was were be been being has have ' +
    'had that this these those it its their they them he she his her who whom which what when ' +
    'where while into than then there here also s'
  ).split(/\s+/),
);

export function isStopword(word: string): boolean {
  return FUNCTION_WORDS.has(word);
}

const STEMS = new Map<string, string>();
const MAX_CACHED = 50_000;

/** The Porter stem: "liberated", "liberation" and "liberates" are one feature (cached). */
export function stemWord(word: string): string {
  let stem = STEMS.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (STEMS.size >= MAX_CACHED) STEMS.clear();
    STEMS.set(word, stem);
  }
  return stem;
}
