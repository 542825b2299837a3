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

/** The Porter stem: "liberated", "liberation" and "liberates" are one feature. */
export function stemWord(word: string): string {
  return stemmer(word);
}
