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

/** Finds phrases (normalised word sequences) in a token list, longest first, no overlaps. */
export interface PhraseIndex<T> {
  find(tokens: readonly Token[]): PhraseHit<T>[];
}

export function createPhraseIndex<T>(entries: Iterable<readonly [string, T]>): PhraseIndex<T> {
  const byFirst = new Map<string, Pattern<T>[]>();
  for (const [phrase, value] of entries) {
    const words = tokenize(phrase).map((t) => t.norm);
    const first = words[0];
    if (first === undefined) continue;
    const list = byFirst.get(first) ?? [];
    list.push({ words, value, phrase: words.join(' ') });
    byFirst.set(first, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);

  const matchesAt = (tokens: readonly Token[], i: number, p: Pattern<T>): boolean => {
    for (let k = 1; k < p.words.length; k += 1) {
      if (tokens[i + k]?.norm !== p.words[k]) return false;
    }
    return true;
  };

  return {
    find(tokens) {
      const out: PhraseHit<T>[] = [];
      let i = 0;
      while (i < tokens.length) {
        const list = byFirst.get(tokens[i]?.norm ?? '');
        const hit = list?.find((p) => matchesAt(tokens, i, p));
        if (hit) {
          out.push({ value: hit.value, from: i, to: i + hit.words.length, phrase: hit.phrase });
          i += hit.words.length;
        } else i += 1;
      }
      return out;
    },
  };
}
