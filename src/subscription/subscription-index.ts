/**
 * Matches one incident against many subscriptions without scanning them all.
 *
 * Each query is compiled to DNF. Every conjunction is posted under the cheapest index key of
 * one of its positive literals (a word, an entity, a field value, "killed > 0"); a literal can only
 * be true when the incident carries that key, so the union of the postings for the incident's
 * keys holds every conjunction that can match. Conjunctions with no positive literal (`-drone`,
 * `killed<3`) and queries too large for DNF go on an always-check list. Candidates are then
 * verified with the reference matcher, so the result is exactly what a full scan returns.
 */
import type { IncidentFeatures } from './incident-features.js';
import { compileQuery, type QueryPredicate } from './compile-query.js';
import { toDnf, type Conjunction, type Literal } from './query-dnf.js';
import { guessKeyFrequency } from './key-frequency.js';
import type { Query, Term } from './query.js';

export interface IndexedSubscription {
  readonly id: string;
  readonly query: Query;
}

/** Estimated share of incidents carrying a key: the index posts under the rarest. */
export type KeyCost = (key: string) => number;

function rarest(words: readonly string[], cost: KeyCost): string {
  let best = words[0] ?? '';
  for (const w of words) if (cost(`w:${w}`) < cost(`w:${best}`)) best = w;
  return best;
}

interface TermKey {
  readonly key: string;
  /** Carrying the key makes the term true (not only possible). */
  readonly exact: boolean;
}

/** Keys one of which the incident must carry for the (positive) term to be true; [] = none. */
export function termKeys(term: Term, cost: KeyCost): TermKey[] {
  switch (term.kind) {
    case 'word':
      return [{ key: `w:${term.word}`, exact: true }];
    case 'phrase':
      return [{ key: `w:${rarest(term.words, cost)}`, exact: false }];
    case 'entity':
      return [
        { key: `e:${term.id}`, exact: true },
        { key: `w:${rarest(term.words, cost)}`, exact: false },
      ];
    case 'field':
      return [{ key: `f:${term.field}:${term.value}`, exact: true }];
    case 'count': {
      const { op, value } = term;
      const key = `c:${term.measure}`;
      if ((op === '>=' && value === 1) || (op === '>' && value === 0))
        return [{ key, exact: true }];
      const atLeastOne = (op === '>=' || op === '=') && value >= 1;
      return atLeastOne || op === '>' ? [{ key, exact: false }] : [];
    }
  }
}

/** Keys this common are worth pairing: the conjunction is posted under "k1&k2" instead. */
const PAIRABLE = 0.05;

function pairKey(a: string, b: string): string {
  return a < b ? `${a}&${b}` : `${b}&${a}`;
}

/** The two cheapest single-key positive literals of a conjunction, as one pair key. */
function cheapestPair(
  conj: Conjunction,
  cost: KeyCost,
): { keys: TermKey[]; cost: number } | undefined {
  const singles = conj
    .filter((lit) => !lit.negated)
    .map((lit) => termKeys(lit.term, cost))
    .filter((k): k is [TermKey] => k.length === 1)
    .map(([k]) => ({ k, c: cost(k.key) }))
    .filter((x) => x.c >= PAIRABLE)
    .sort((a, b) => a.c - b.c);
  const [a, b] = singles;
  if (!a || !b || a.k.key === b.k.key) return undefined;
  const exact = conj.length === 2 && a.k.exact && b.k.exact;
  return { keys: [{ key: pairKey(a.k.key, b.k.key), exact }], cost: a.c * b.c };
}

/**
 * The keys to post a conjunction under: those of its cheapest positive literal, or a pair of
 * common keys (e.g. topic + side) when both are needed and the pair is rarer.
 */
function cheapestKeys(conj: Conjunction, cost: KeyCost): TermKey[] | undefined {
  let best: TermKey[] | undefined;
  let bestCost = Infinity;
  for (const lit of conj as readonly Literal[]) {
    if (lit.negated) continue;
    const keys = termKeys(lit.term, cost);
    if (keys.length === 0) continue;
    const c = keys.reduce((n, k) => n + cost(k.key), 0);
    if (c < bestCost) [best, bestCost] = [keys, c];
  }
  const pair = bestCost >= PAIRABLE ? cheapestPair(conj, cost) : undefined;
  if (pair && pair.cost < bestCost) return pair.keys;
  // A key proves the whole conjunction only when the conjunction is that one literal.
  return conj.length === 1 ? best : best?.map((k) => ({ key: k.key, exact: false }));
}

export class SubscriptionIndex<S extends IndexedSubscription> {
  private readonly slots: (S | undefined)[] = [];
  private readonly predicates: (QueryPredicate | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  /** Postings per key; a negative entry -(slot+1) marks an exact hit (no need to verify). */
  private readonly postings = new Map<string, number[]>();
  private readonly always = new Set<number>();
  /** Keys that take part in some pair posting. */
  private readonly pairable = new Set<string>();
  private stamp = new Uint32Array(1024);
  private generation = 0;

  /**
   * `cost` estimates how often incidents carry a key; pass `KeyFrequency#frequency` fed with
   * recent incidents for the shortest candidate lists. It affects speed only, never results.
   */
  constructor(private readonly cost: KeyCost = guessKeyFrequency) {}

  get size(): number {
    return this.slotOf.size;
  }

  /** Adds or replaces a subscription. */
  add(sub: S): void {
    this.remove(sub.id);
    const slot = this.slots.length;
    this.slots.push(sub);
    this.predicates.push(compileQuery(sub.query.root));
    this.slotOf.set(sub.id, slot);
    const conjunctions = toDnf(sub.query.root);
    const keys = new Map<string, boolean>();
    for (const conj of conjunctions ?? []) {
      const k = cheapestKeys(conj, this.cost);
      if (!k) {
        this.always.add(slot);
        return;
      }
      for (const { key, exact } of k) keys.set(key, exact || keys.get(key) === true);
    }
    if (!conjunctions) this.always.add(slot);
    for (const [key, exact] of keys) {
      for (const part of key.includes('&') ? key.split('&') : []) this.pairable.add(part);
      const entry = exact ? -(slot + 1) : slot;
      const list = this.postings.get(key);
      if (list) list.push(entry);
      else this.postings.set(key, [entry]);
    }
  }

  /** Removes a subscription; its postings are skipped until the index is rebuilt. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slots[slot] = undefined;
    this.predicates[slot] = undefined;
    this.slotOf.delete(id);
    this.always.delete(slot);
    return true;
  }

  /**
   * Every subscription whose query matches the incident, in no particular order. `stats.verified`
   * receives how many queries were evaluated (the rest were never looked at).
   */
  match(features: IncidentFeatures, stats?: { verified: number }): S[] {
    if (this.stamp.length < this.slots.length) {
      this.stamp = new Uint32Array(this.slots.length * 2);
      this.generation = 0;
    }
    this.generation += 1;
    const gen = this.generation;
    const hits: number[] = [];
    let verified = 0;
    const consider = (entry: number): void => {
      const slot = entry < 0 ? -entry - 1 : entry;
      if (this.stamp[slot] === gen) return;
      this.stamp[slot] = gen;
      const predicate = this.predicates[slot];
      if (!predicate) return;
      if (entry < 0) {
        hits.push(slot);
        return;
      }
      verified += 1;
      if (predicate(features)) hits.push(slot);
    };
    for (const key of features.keys) {
      const list = this.postings.get(key);
      if (list) for (const entry of list) consider(entry);
    }
    for (const key of this.pairKeys(features)) {
      const list = this.postings.get(key);
      if (list) for (const entry of list) consider(entry);
    }
    for (const slot of this.always) consider(slot);
    if (stats) stats.verified = verified;
    return hits.map((slot) => this.slots[slot] as S);
  }

  private pairKeys(features: IncidentFeatures): string[] {
    const common = features.keys.filter((k) => this.pairable.has(k));
    const out: string[] = [];
    for (let i = 0; i < common.length; i += 1) {
      for (let j = i + 1; j < common.length; j += 1) {
        out.push(pairKey(common[i] as string, common[j] as string));
      }
    }
    return out;
  }
}
