import { tokenize, type Token } from '../gazetteer/normalise.js';

export interface PhraseHit<T> {
  readonly value: T;
  /** Token index of the first word and one past the last. */
  readonly from: number;
  readonly to: number;
  readonly phrase: string;
}

interface Pattern<T> {
  readonly words: readonly string[];
  readonly value: T;
  readonly phrase: string;
}

/** A light stemmer: plural "s" dropped ("rockets" = "rocket", "missions" = "mission"). */
export function stem(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/**
 * Finds phrases (normalised, lightly stemmed word sequences) in a token list, longest first,
 * no overlaps.
 */
export interface PhraseIndex<T> {
  find(tokens: readonly Token[]): PhraseHit<T>[];
}

export function createPhraseIndex<T>(entries: Iterable<readonly [string, T]>): PhraseIndex<T> {
  const byFirst = new Map<string, Pattern<T>[]>();
  for (const [phrase, value] of entries) {
    const words = tokenize(phrase).map((t) => stem(t.norm));
    const first = words[0];
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ words, value, phrase: words.join(' ') });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);

  const matchesAt = (words: readonly string[], i: number, p: Pattern<T>): boolean => {
    for (let k = 1; k < p.words.length; k += 1) {
      if (words[i + k] !== p.words[k]) return false;
    }
    return true;
  };

  return {
    find(tokens) {
      const words = tokens.map((t) => stem(t.norm));
      const out: PhraseHit<T>[] = [];
      let i = 0;
      while (i < words.length) {
        const list = byFirst.get(words[i] ?? '');
        const hit = list?.find((p) => matchesAt(words, i, p));
        if (hit) {
          out.push({ value: hit.value, from: i, to: i + hit.words.length, phrase: hit.phrase });
          i += hit.words.length;
        } else i += 1;
      }
      return out;
    },
  };
}
