import type { Token } from '../gazetteer/normalise.js';
import type { TokenMention } from '../gazetteer/gazetteer.js';
import { isUsSide } from './evidence.js';

/** The text the clause helpers look at: the item's raw text and its tokens. */
export interface ClauseText {
  readonly text: string;
  readonly tokens: readonly Token[];
}

export const NEGATORS = new Set(['no', 'zero', 'without', 'nor', 'neither']);

/**
 * Sentence punctuation: a full stop (not the dots of "U.S." or "U.K."), "!", "?", ";" or a line
 * break. A comma keeps the sentence going.
 */
const SENTENCE_BREAK = /(?<!\b[A-Z])[.!?](?:\s|$)|[;\n]/;

/** Clause punctuation: a negator or a background marker does not reach across it. */
const CLAUSE_BREAK = new RegExp(`${SENTENCE_BREAK.source}|[,:]|\\s[-–—]\\s`);

function textBetween(item: ClauseText, a: number, b: number): string {
  const from = item.tokens[a]?.end ?? 0;
  const to = item.tokens[b]?.start ?? item.text.length;
  return from < to ? item.text.slice(from, to) : '';
}

/** True when no clause punctuation lies between token `a` and a later token `b`. */
export function sameClause(item: ClauseText, a: number, b: number): boolean {
  return !CLAUSE_BREAK.test(textBetween(item, a, b));
}

/** True when no sentence punctuation lies between token `a` and a later token `b`. */
export function sameSentence(item: ClauseText, a: number, b: number): boolean {
  return !SENTENCE_BREAK.test(textBetween(item, a, b));
}

/**
 * US/coalition mentions denied by a negator just before them in the same clause ("no American
 * personnel or facilities were hit", "no coalition forces were present", "without US
 * casualties"): they are neither the target of an attack nor its victims.
 */
export function deniedUsMentions(
  item: ClauseText,
  mentions: readonly TokenMention[],
): Set<TokenMention> {
  const out = new Set<TokenMention>();
  for (const m of mentions) {
    if (!isUsSide(m)) continue;
    for (let i = Math.max(0, m.from - 2); i < m.from; i++) {
      if (NEGATORS.has(item.tokens[i]?.norm ?? '') && sameClause(item, i, m.from)) out.add(m);
    }
  }
  return out;
}

/** How far a background marker ("in retaliation for", "days after") reaches, in tokens. */
const BACKGROUND_REACH = 10;

interface Span {
  readonly from: number;
  readonly to: number;
  readonly value: string;
}

const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * "after a/an/the …" behind a strike in the same sentence ("US jets struck militia depots, the
 * Pentagon said, after a drone attack killed three soldiers"): the clause it opens is what the
 * strike answers. Alone "after" is no marker: "US troops wounded after drone attack on base" is
 * one event.
 */
function afterStrikeMarkers(item: ClauseText, hits: readonly Span[]): Span[] {
  const out: Span[] = [];
  item.tokens.forEach((t, i) => {
    if (t.norm !== 'after' || !ARTICLES.has(item.tokens[i + 1]?.norm ?? '')) return;
    const struck = hits.some(
      (h) => h.value === 'strike' && h.to <= i && sameSentence(item, h.from, i),
    );
    if (struck) out.push({ from: i, to: i + 1, value: 'background' });
  });
  return out;
}

/**
 * Event hits inside a background clause: after a "retaliation for / in response to / days after
 * / responsible for" marker, within reach and in the same sentence ("… two days after a rocket
 * attack killed a contractor"). With `clause`, a comma also ends the background ("In response to
 * the attacks, US jets struck …": the strike is the main event). An "after a …" behind a strike
 * opens a background clause that only the clause end (or twice the reach) ends.
 */
export function backgroundHits<T extends Span>(
  item: ClauseText,
  hits: readonly T[],
  clause: boolean,
): Set<T> {
  const markers = hits.filter((h) => h.value === 'background');
  const afters = afterStrikeMarkers(item, hits);
  const within = (b: Span, c: Span, byClause: boolean, reach = BACKGROUND_REACH): boolean =>
    b.to <= c.from &&
    c.from - b.to <= reach &&
    (byClause ? sameClause(item, b.to - 1, c.from) : sameSentence(item, b.to - 1, c.from));
  const out = new Set<T>();
  for (const c of hits) {
    if (c.value === 'background') continue;
    const inside =
      markers.some((b) => within(b, c, clause)) ||
      (c.value !== 'strike' && afters.some((b) => within(b, c, true, 2 * BACKGROUND_REACH)));
    if (inside) out.add(c);
  }
  return out;
}

const TREATMENT = new Set([
  'evacuated',
  'evacuation',
  'medevaced',
  'airlifted',
  'flown',
  'transported',
  'transferred',
  'treated',
  'treatment',
  'hospital',
  'hospitalized',
  'hospitalised',
]);

/**
 * Mentions that are where the injured were taken, not where the event happened: after an
 * evacuation or treatment word in the same sentence ("flown to Landstuhl in Germany and others
 * to Camp Arifjan, Kuwait").
 */
export function treatmentDestinations(
  item: ClauseText,
  mentions: readonly TokenMention[],
): Set<TokenMention> {
  const out = new Set<TokenMention>();
  item.tokens.forEach((t, i) => {
    if (!TREATMENT.has(t.norm)) return;
    for (const m of mentions) {
      if (m.from > i && m.from - i <= 12 && sameSentence(item, i, m.from)) out.add(m);
    }
  });
  return out;
}

/** How far a negator reaches, in tokens ("no American personnel or facilities were hit"). */
const NEGATION_REACH = 6;

/** Token indices in the scope of a negator (up to its reach, within its clause). */
export function negatedTokens(item: ClauseText): Set<number> {
  const out = new Set<number>();
  item.tokens.forEach((t, i) => {
    if (!NEGATORS.has(t.norm) && t.norm !== 'not') return;
    for (let j = i + 1; j <= i + NEGATION_REACH && j < item.tokens.length; j += 1) {
      if (!sameClause(item, i, j)) break;
      out.add(j);
    }
  });
  return out;
}

/**
 * Token indices inside background clauses: after a "retaliation for / in response to / days
 * after" marker within reach and the clause, and after "after a/an/the …" behind a strike.
 */
export function backgroundTokens(item: ClauseText, hits: readonly Span[]): Set<number> {
  const out = new Set<number>();
  const open = (from: number, reach: number): void => {
    for (let j = from; j < from + reach && j < item.tokens.length; j += 1) {
      if (j > from && !sameClause(item, from, j)) break;
      out.add(j);
    }
  };
  for (const h of hits) if (h.value === 'background') open(h.to, BACKGROUND_REACH);
  for (const a of afterStrikeMarkers(item, hits)) open(a.to, 2 * BACKGROUND_REACH);
  return out;
}
