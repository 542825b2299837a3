/**
 * Matches one incident against many subscriptions without scanning them all.
 *
 * Each query is compiled to DNF. Every conjunction is posted under the cheapest index key of
 * one of its positive literals (a word, an entity, a field value, "killed > 0"); a literal can only
 * be true when the incident carries that key, so the union of the postings for the incident's
 * keys holds every conjunction that can match. Conjunctions with no positive literal (`-drone`,
 * `killed<3`) and queries too large for DNF go on an always-check list. Candidates are then
 * verified with the compiled query (held equal to the reference matcher), so the result is
 * exactly what a full scan returns; a one-literal conjunction reached through its own key is a
 * hit without verification.
 *
 * Speed: keys are interned to small integer ids; per incident, the keys it carries are marked in
 * a typed array, so word / entity / field literals verify with one array read; identical queries
 * share one slot (evaluated once, expanded to all their holders); pairs of common keys (topic +
 * casualties) are posted under the pair.
 */
import type { IncidentFeatures } from './incident-features.js';
import { compileQuery, type KeyTest, type QueryPredicate } from './compile-query.js';
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

/** What one `match` call did, in distinct queries: evaluated, and proven by a key alone. */
export interface MatchStats {
  verified: number;
  exact: number;
}

interface MatchRun {
  readonly features: IncidentFeatures;
  readonly gen: number;
  readonly hits: number[];
  verified: number;
  exact: number;
}

export class SubscriptionIndex<S extends IndexedSubscription> {
  /**
   * One slot per distinct query (many users keep the same `topic:casualties`): its compiled
   * predicate, evaluated once per incident, and the subscriptions that hold it.
   */
  private readonly predicates: QueryPredicate[] = [];
  private readonly members: S[][] = [];
  private readonly slotOfQuery = new Map<string, number>();
  private readonly slotOf = new Map<string, number>();
  /** Every key some subscription uses, as a small integer id. */
  private readonly keyIds = new Map<string, number>();
  /** Postings per key id; a negative entry -(slot+1) marks an exact hit (no need to verify). */
  private readonly postings: (number[] | undefined)[] = [];
  /** Pair postings: pairPostings[lower key id].get(higher key id). */
  private readonly pairPostings: (Map<number, number[]> | undefined)[] = [];
  /** Key ids that take part in some pair posting. */
  private pairable = new Uint8Array(1024);
  /** Slots evaluated for every incident (removed ones are skipped). */
  private readonly always: number[] = [];
  /** marks[keyId] === generation: the incident being matched carries the key. */
  private marks = new Uint32Array(1024);
  /** stamp[slot] === generation: the subscription was already looked at. */
  private stamp = new Uint32Array(1024);
  private generation = 0;
  private readonly keyTest: KeyTest = (key) => {
    const id = this.intern(key);
    return () => this.marks[id] === this.generation;
  };

  /**
   * `cost` estimates how often incidents carry a key; pass `KeyFrequency#frequency` fed with
   * recent incidents for the shortest candidate lists. It affects speed only, never results.
   */
  constructor(private readonly cost: KeyCost = guessKeyFrequency) {}

  get size(): number {
    return this.slotOf.size;
  }

  /** Distinct queries held (identical queries are stored and evaluated once). */
  get queries(): number {
    return this.predicates.length;
  }

  private intern(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
    }
    return id;
  }

  /** Adds or replaces a subscription. */
  add(sub: S): void {
    this.remove(sub.id);
    const canonical = JSON.stringify(sub.query.root);
    let slot = this.slotOfQuery.get(canonical);
    if (slot === undefined) {
      slot = this.predicates.length;
      this.slotOfQuery.set(canonical, slot);
      this.predicates.push(compileQuery(sub.query.root, this.keyTest));
      this.members.push([]);
      this.postQuery(sub.query, slot);
    }
    this.members[slot]?.push(sub);
    this.slotOf.set(sub.id, slot);
  }

  private postQuery(query: Query, slot: number): void {
    const keys = postingKeys(toDnf(query.root), this.cost);
    if (!keys) {
      this.always.push(slot);
      return;
    }
    for (const [key, exact] of keys) this.post(key, exact ? -(slot + 1) : slot);
  }

  private post(key: string, entry: number): void {
    const parts = key.split('&');
    const [a, b] = parts.map((k) => this.intern(k));
    if (a === undefined) return;
    let list: number[] | undefined;
    if (b === undefined) {
      list = this.postings[a] ??= [];
    } else {
      for (const id of [a, b]) {
        if (id >= this.pairable.length) this.pairable = grow(this.pairable, id);
        this.pairable[id] = 1;
      }
      const partners = (this.pairPostings[Math.min(a, b)] ??= new Map());
      list = partners.get(Math.max(a, b));
      if (!list) partners.set(Math.max(a, b), (list = []));
    }
    list.push(entry);
  }

  /** Removes a subscription; a query no one holds any more is skipped until it comes back. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    const held = this.members[slot] ?? [];
    const at = held.findIndex((s) => s.id === id);
    if (at >= 0) held.splice(at, 1);
    this.slotOf.delete(id);
    return true;
  }

  /**
   * Every subscription whose query matches the incident, in no particular order. `stats` receives
   * how many queries were evaluated and how many hits a key proved alone (never evaluated).
   */
  match(features: IncidentFeatures, stats?: MatchStats): S[] {
    const run = this.begin(features);
    const present: number[] = [];
    for (const key of features.keys) {
      const id = this.keyIds.get(key);
      if (id === undefined || this.marks[id] === run.gen) continue;
      this.marks[id] = run.gen;
      present.push(id);
    }
    for (const id of present) {
      const list = this.postings[id];
      if (list) this.collect(list, run);
    }
    this.collectPairs(present, run);
    this.collect(this.always, run);
    if (stats) [stats.verified, stats.exact] = [run.verified, run.exact];
    const out: S[] = [];
    for (const slot of run.hits) for (const sub of this.members[slot] as S[]) out.push(sub);
    return out;
  }

  private begin(features: IncidentFeatures): MatchRun {
    const slots = this.predicates.length;
    if (this.stamp.length < slots) this.stamp = grow(this.stamp, slots);
    if (this.marks.length < this.keyIds.size) this.marks = grow(this.marks, this.keyIds.size);
    this.generation += 1;
    return { features, gen: this.generation, hits: [], verified: 0, exact: 0 };
  }

  private collectPairs(present: readonly number[], run: MatchRun): void {
    const common = present.filter((id) => this.pairable[id] === 1);
    for (const a of common) {
      const partners = this.pairPostings[a];
      if (!partners) continue;
      for (const b of common) {
        const list = b > a ? partners.get(b) : undefined;
        if (list) this.collect(list, run);
      }
    }
  }

  private collect(entries: readonly number[], run: MatchRun): void {
    const { stamp, predicates, members } = this;
    const { hits, gen } = run;
    for (let i = 0; i < entries.length; i += 1) {
      const entry = entries[i] as number;
      const slot = entry < 0 ? -entry - 1 : entry;
      if (stamp[slot] === gen) continue;
      stamp[slot] = gen;
      const predicate = predicates[slot] as QueryPredicate;
      if ((members[slot] as S[]).length === 0) continue;
      if (entry < 0) {
        run.exact += 1;
        hits.push(slot);
        continue;
      }
      run.verified += 1;
      if (predicate(run.features)) hits.push(slot);
    }
  }
}

function grow<A extends Uint8Array | Uint32Array>(a: A, need: number): A {
  const next = new (a.constructor as new (n: number) => A)(Math.max(need + 1, a.length * 2));
  next.set(a);
  return next;
}

/** Key → exact for every conjunction of the DNF; undefined = must always be evaluated. */
function postingKeys(
  conjunctions: Conjunction[] | undefined,
  cost: KeyCost,
): Map<string, boolean> | undefined {
  if (!conjunctions) return undefined;
  const keys = new Map<string, boolean>();
  for (const conj of conjunctions) {
    const k = cheapestKeys(conj, cost);
    if (!k) return undefined;
    for (const { key, exact } of k) keys.set(key, exact || keys.get(key) === true);
  }
  return keys;
}
