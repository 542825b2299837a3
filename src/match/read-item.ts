import type { Gazetteer, TokenMention } from '../gazetteer/gazetteer.js';
import { readActors } from './actor-cues.js';
import { actorOf, isUsSide, type Evidence } from './evidence.js';
import {
  backgroundHits,
  backgroundTokens,
  deniedUsMentions,
  negatedTokens,
  NEGATORS,
  treatmentDestinations,
} from './clause.js';
import {
  type EventReading,
  nearUs,
  readEvents,
  readUsAgent,
  readUsVictim,
  sufferedByUs,
} from './event-cues.js';
import { impliedUsAgent } from './implied-agent.js';
import type { ItemText } from './item-text.js';
import type { EventClass, Lexicon } from './lexicon.js';
import { createPhraseIndex, type PhraseHit, type PhraseIndex } from './phrase-index.js';
import { readScope } from './scope-cue.js';
import { CUES, type Cue } from './topic-profile.js';

export interface ItemReader {
  read(item: ItemText): Evidence;
}

const TARGET = new Set<EventClass>(['attack']);
const PRESENCE = new Set<EventClass>(['presence']);

function groupBy<T>(pairs: Iterable<readonly [string, T]>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const [k, v] of pairs) out.set(k, [...(out.get(k) ?? []), v]);
  return out;
}

function eventIndex(lexicon: Lexicon): PhraseIndex<EventClass[]> {
  const pairs = Object.entries(lexicon.events).flatMap(([cls, phrases]) =>
    phrases.map((p) => [p.toLowerCase(), cls as EventClass] as const),
  );
  return createPhraseIndex(groupBy(pairs));
}

/** Scope at or above which an `outOfScopeOnly` negative class (accidents) does not count. */
const PLACED_IN_SCOPE = 0.8;

function negativeReading(
  hits: readonly PhraseHit<string>[],
  lexicon: Lexicon,
  titleEnd: number,
  scope: number,
): Evidence['negatives'] {
  const out = new Map<string, { penalty: number; terms: string[]; n: number }>();
  for (const h of hits) {
    if (lexicon.negatives[h.value]?.outOfScopeOnly === true && scope >= PLACED_IN_SCOPE) continue;
    const prev = out.get(h.value) ?? { penalty: 0, terms: [], n: 0 };
    const n = prev.n + (h.from < titleEnd ? 2 : 1);
    const weight = lexicon.negatives[h.value]?.weight ?? 0;
    const terms = prev.terms.includes(h.phrase) ? prev.terms : [...prev.terms, h.phrase];
    out.set(h.value, { n, terms, penalty: weight * Math.min(1.5, 0.5 * n) });
  }
  return out;
}

function termSet(item: ItemText): Set<string> {
  const out = new Set<string>();
  let prev = '';
  for (const t of item.tokens) {
    out.add(t.norm);
    if (prev) out.add(`${prev} ${t.norm}`);
    prev = t.norm;
  }
  return out;
}

/**
 * Drops lexicon hits inside gazetteer names ("operation" in Operation Inherent Resolve, "oil
 * field" in al-Omar oil field), except the head word of a US/coalition phrase ("US airstrikes")
 * and victim nouns at the end of a name ("coalition troops", "militia commander").
 */
function outsideNames<T>(
  hits: readonly PhraseHit<T>[],
  mentions: readonly TokenMention[],
  keepHead: (hit: PhraseHit<T>, m: TokenMention) => boolean,
): PhraseHit<T>[] {
  return hits.filter((h) => {
    const m = mentions.find((x) => x.from <= h.from && h.to <= x.to);
    return m === undefined || (h.to === m.to && keepHead(h, m));
  });
}

const keepEventHead = (h: PhraseHit<EventClass>, m: TokenMention): boolean =>
  h.value === 'personnel' || h.value === 'enemy' || isUsSide(m);

const POLITICAL_BEFORE = new Set([
  'ruling',
  'governing',
  'rebel',
  'opposition',
  'political',
  'electoral',
  'shiite',
  'sunni',
  'kurdish',
  'parliamentary',
]);

/**
 * A bare "coalition" in an in-scope item is the US-led coalition, unless it is a political or
 * rebel one ("ruling coalition", "coalition of rebels", "coalition government").
 */
function resolveCoalition(
  item: ItemText,
  mentions: TokenMention[],
  gazetteer: Gazetteer,
  scoped: boolean,
): TokenMention[] {
  const coalition = gazetteer.actor('coalition');
  if (!scoped || !coalition) return mentions;
  return mentions.map((m) => {
    if (actorOf(m)?.kind !== 'coalition-weak') return m;
    const before = item.tokens[m.from - 1]?.norm ?? '';
    const after = item.tokens[m.to]?.norm ?? '';
    if (
      POLITICAL_BEFORE.has(before) ||
      after === 'of' ||
      after === 'government' ||
      after === 'partner'
    )
      return m;
    return { ...m, ref: { kind: 'actor', entry: coalition } };
  });
}

/**
 * A casualty word denied by a negator up to three words before it ("no casualties", "no one
 * was hurt", "without causing injuries", "no immediate reports of casualties").
 */
function negated(item: ItemText, h: PhraseHit<EventClass>): boolean {
  if (h.value !== 'casualty') return false;
  for (let i = Math.max(0, h.from - 4); i < h.from; i++) {
    if (NEGATORS.has(item.tokens[i]?.norm ?? '')) return true;
  }
  return false;
}

function strongest(a: EventReading, b: EventReading): EventReading {
  return b.value > a.value ? b : a;
}

/** Builds the reader that turns an item's text into Evidence (cues, reasons, negatives). */
export function createItemReader(
  gazetteer: Gazetteer,
  lexicon: Lexicon,
  window: number,
): ItemReader {
  const events = eventIndex(lexicon);
  const negatives = createPhraseIndex(
    Object.entries(lexicon.negatives).flatMap(([cls, c]) => c.terms.map((t) => [t, cls] as const)),
  );
  return {
    read(item) {
      const scanned = gazetteer.scan(item.text, item.tokens);
      const scope = readScope(scanned, item.titleEnd, treatmentDestinations(item, scanned));
      const mentions = resolveCoalition(item, scanned, gazetteer, scope.scope >= 0.5);
      const all = events
        .find(item.tokens)
        .flatMap((h) => h.value.map((value) => ({ ...h, value })));
      const hits = outsideNames(all, mentions, keepEventHead).filter((h) => !negated(item, h));
      const cues = Object.fromEntries(CUES.map((c) => [c, 0])) as Record<Cue, number>;
      const reasons: Partial<Record<Cue, string>> = {};
      const set = (cue: Cue, r: { value: number; reason?: string }): void => {
        cues[cue] = r.value;
        if (r.reason !== undefined && r.value > 0) reasons[cue] = r.reason;
      };
      set('scope', { value: scope.scope, ...(scope.reason ? { reason: scope.reason } : {}) });
      for (const [cue, r] of readActors(mentions, scope.scope >= 0.5)) set(cue, r);
      for (const [cls, r] of readEvents(hits, item.titleEnd)) {
        if (cls !== 'personnel' && cls !== 'enemy' && cls !== 'background') set(cls, r);
      }
      const denied = deniedUsMentions(item, mentions);
      const undenied = mentions.filter((m) => !denied.has(m));
      const background = backgroundHits(item, hits, false);
      set('usTarget', nearUs(hits, undenied, TARGET, window, background));
      set('usPresence', nearUs(hits, mentions, PRESENCE, window));
      set(
        'usVictim',
        strongest(
          readUsVictim(hits, mentions, window, background, denied),
          sufferedByUs(hits, mentions, item.tokens, denied),
        ),
      );
      const agent = readUsAgent(hits, mentions, window, item, backgroundHits(item, hits, true));
      set(
        'usAgent',
        agent.value > 0 || cues.usTarget >= 0.5 ? agent : impliedUsAgent(item, hits, mentions),
      );
      return {
        cues,
        reasons,
        negatives: negativeReading(
          outsideNames(negatives.find(item.tokens), mentions, () => false),
          lexicon,
          item.titleEnd,
          scope.scope,
        ),
        otherTheatres: scope.otherTheatres,
        terms: termSet(item),
        mentions,
        negated: negatedTokens(item),
        background: backgroundTokens(item, hits),
      };
    },
  };
}
