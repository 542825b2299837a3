import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { tokenize } from '../gazetteer/normalise.js';
import type { TopicProfile } from './topic-profile.js';

/** Per-million word frequencies of general news text, with a default for unlisted words. */
export interface Background {
  readonly frequency: ReadonlyMap<string, number>;
  readonly fallback: number;
}

export interface DerivedProfile {
  readonly terms: TopicProfile['terms'];
}

export interface BuildOptions {
  readonly maxTerms?: number;
  readonly minCount?: number;
}

const WORD = /^[a-z][a-z-]{2,}$/;

interface TermCounts {
  readonly n: Map<string, number>;
  /** In how many examples a term occurs. */
  readonly docs: Map<string, number>;
}

/** Frequency at which a word is too common to start or end a characteristic bigram. */
const EDGE_LIMIT = 1000;

function countTerms(texts: readonly string[], gazetteer: Gazetteer, bg: Background): TermCounts {
  const counts = new Map<string, number>();
  const docs = new Map<string, number>();
  const common = (w: string): boolean => (bg.frequency.get(w) ?? 0) >= EDGE_LIMIT;
  for (const text of texts) {
    const seen = new Set<string>();
    const add = (t: string): void => {
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (!seen.has(t)) docs.set(t, (docs.get(t) ?? 0) + 1);
      seen.add(t);
    };
    const tokens = tokenize(text);
    const inName = new Set<number>();
    for (const m of gazetteer.scan(text, tokens))
      for (let i = m.from; i < m.to; i += 1) inName.add(i);
    let prev: string | undefined;
    tokens.forEach((t, i) => {
      const word = WORD.test(t.norm) && !inName.has(i) ? t.norm : undefined;
      if (word) add(word);
      if (word && prev && !common(word) && !common(prev)) add(`${prev} ${word}`);
      prev = word;
    });
  }
  return { n: counts, docs };
}

function bgOf(term: string, bg: Background): number {
  const words = term.split(' ');
  // A bigram is as rare as its rarer word, divided by a typical vocabulary spread.
  const f = words.map((w) => bg.frequency.get(w) ?? bg.fallback);
  return words.length === 1 ? (f[0] ?? bg.fallback) : Math.max(0.5, Math.min(...f) / 20);
}

/**
 * Derives a topic profile from example articles: terms weighted by log-odds of their frequency
 * in the examples against a generic news background (bigrams too, names excluded: those are the
 * gazetteer's job).
 * Stopwords need no list: their background frequency gives them no weight.
 */
export function deriveProfile(
  texts: readonly string[],
  gazetteer: Gazetteer,
  background: Background,
  options: BuildOptions = {},
): DerivedProfile {
  const { n: counts, docs } = countTerms(texts, gazetteer, background);
  const total = [...counts].filter(([t]) => !t.includes(' ')).reduce((s, [, n]) => s + n, 0);
  const minCount = options.minCount ?? 2;
  // With several examples a term must recur across them, not just within one.
  const minDocs = Math.min(2, texts.length);
  const scored: { term: string; weight: number }[] = [];
  for (const [term, n] of counts) {
    if (n < minCount || (docs.get(term) ?? 0) < minDocs) continue;
    const perMillion = (n / Math.max(1, total)) * 1e6;
    // Worth a weight only when at least ten times as frequent as in general news.
    const weight = Math.log(perMillion / (bgOf(term, background) * 10));
    if (weight > 0) scored.push({ term, weight: Math.round(weight * 100) / 100 });
  }
  scored.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));
  return {
    terms: scored.slice(0, options.maxTerms ?? 40),
  };
}
