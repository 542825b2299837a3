/** Word normalisation for the learned model's n-gram features. */
import { stemmer } from 'stemmer';

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
