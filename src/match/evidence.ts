import type { ActorEntry, PlaceEntry } from '../gazetteer/gazetteer-data.js';
import type { TokenMention } from '../gazetteer/gazetteer.js';
import type { EventClass } from './lexicon.js';
import type { PhraseHit } from './phrase-index.js';
import type { Cue } from './topic-profile.js';

export const IN_SCOPE = 'iraq-syria';

/** Everything the matcher read in one item, before any topic is scored. */
export interface Evidence {
  readonly cues: Readonly<Record<Cue, number>>;
  /** The words behind each cue, for `why`. */
  readonly reasons: Readonly<Partial<Record<Cue, string>>>;
  /** Negative-lexicon classes present: class → logit penalty and the words seen. */
  readonly negatives: ReadonlyMap<string, { penalty: number; terms: string[] }>;
  /** Other theatres named (for `why` when nothing matched). */
  readonly otherTheatres: readonly string[];
  /** Normalised unigrams and bigrams of the item (for profile similarity). */
  readonly terms: ReadonlySet<string>;
  /** Gazetteer mentions as read (a bare in-scope "coalition" resolved to the US-led one). */
  readonly mentions: readonly TokenMention[];
  /** Token indices in a negator's scope ("no one was hurt") and inside background clauses. */
  readonly negated: ReadonlySet<number>;
  readonly background: ReadonlySet<number>;
}

export interface ReadItem {
  readonly mentions: readonly TokenMention[];
  readonly events: readonly PhraseHit<EventClass>[];
  readonly negatives: readonly PhraseHit<string>[];
  readonly titleEnd: number;
}

export function actorOf(m: TokenMention): ActorEntry | undefined {
  return m.ref.kind === 'actor' ? m.ref.entry : undefined;
}

export function placeOf(m: TokenMention): PlaceEntry | undefined {
  return m.ref.kind === 'place' ? m.ref.entry : undefined;
}

const FORCE_KINDS = new Set(['us-forces', 'coalition']);

/** US forces, the coalition, or a base hosting them. */
export function isUsSide(m: TokenMention): boolean {
  const a = actorOf(m);
  if (a) return FORCE_KINDS.has(a.kind);
  return placeOf(m)?.hostsUs === true;
}

/** Words describing a mention in `why`: "Ain al-Asad (base, Anbar, Iraq)". */
export function describeMention(m: TokenMention): string {
  const p = placeOf(m);
  if (p) {
    const where = [p.admin1 && p.admin1 !== p.name ? p.admin1 : undefined, p.country]
      .filter((x) => x !== undefined && x !== p.name)
      .join(', ');
    return `${p.name} (${p.type}${where ? `, ${where}` : ''})`;
  }
  const a = actorOf(m);
  return a ? `${a.name} (${a.kind.replace(/-/g, ' ')})` : m.text;
}
