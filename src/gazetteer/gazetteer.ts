import type { ActorEntry, GazetteerData, PlaceEntry } from './gazetteer-data.js';
import { normaliseText, tokenize, type Token } from './normalise.js';

export type GazetteerEntry =
  ({ kind: 'actor' } & { entry: ActorEntry }) | ({ kind: 'place' } & { entry: PlaceEntry });

export interface Mention {
  readonly ref: GazetteerEntry;
  /** Character offsets in the original text. */
  readonly start: number;
  readonly end: number;
  /** The text as written. */
  readonly text: string;
}

/** A mention with its token span (indices into `tokenize(text)`). */
export interface TokenMention extends Mention {
  readonly from: number;
  readonly to: number;
}

interface AliasPattern {
  readonly words: readonly string[];
  readonly cased: boolean;
  readonly ref: GazetteerEntry;
}

/** Actors and places with their aliases; finds their mentions in text. Pure and immutable. */
export interface Gazetteer {
  readonly actors: readonly ActorEntry[];
  readonly places: readonly PlaceEntry[];
  /** Every mention, longest alias first at each position, no overlaps, in text order. */
  findMentions(text: string): Mention[];
  /** Same, on tokens already made with `tokenize(text)`; mentions carry their token span. */
  scan(text: string, tokens: readonly Token[]): TokenMention[];
  actor(id: string): ActorEntry | undefined;
  place(id: string): PlaceEntry | undefined;
  /** Looks a name or alias up (case- and diacritic-insensitive). */
  lookup(name: string): GazetteerEntry | undefined;
}

function patternsFor(ref: GazetteerEntry): AliasPattern[] {
  const e = ref.entry;
  const composed =
    ref.kind === 'actor' && ref.entry.compose
      ? ref.entry.compose.modifiers.flatMap((m) =>
          (ref.entry.compose?.heads ?? []).map((h) => `${m} ${h}`),
        )
      : [];
  const plain = [e.name, ...e.aliases, ...composed].map((a) => ({
    words: tokenize(a).map((t) => t.norm),
    cased: false,
    ref,
  }));
  const cased = e.casedAliases.map((a) => ({
    words: tokenize(a).map((t) => t.cased),
    cased: true,
    ref,
  }));
  return [...plain, ...cased].filter((p) => p.words.length > 0);
}

function matchesAt(tokens: readonly Token[], i: number, p: AliasPattern): boolean {
  for (let k = 0; k < p.words.length; k += 1) {
    const t = tokens[i + k];
    if (!t) return false;
    if ((p.cased ? t.cased : t.norm) !== p.words[k]) return false;
  }
  return true;
}

export function createGazetteer(data: GazetteerData): Gazetteer {
  const refs: GazetteerEntry[] = [
    ...data.actors.map((entry): GazetteerEntry => ({ kind: 'actor', entry })),
    ...data.places.map((entry): GazetteerEntry => ({ kind: 'place', entry })),
  ];
  // Index patterns by their first word (lower-cased) for a single left-to-right scan.
  const byFirst = new Map<string, AliasPattern[]>();
  const byName = new Map<string, GazetteerEntry>();
  for (const ref of refs) {
    for (const p of patternsFor(ref)) {
      const key = (p.words[0] ?? '').toLowerCase();
      const list = byFirst.get(key) ?? [];
      list.push(p);
      byFirst.set(key, list);
      if (!p.cased && !byName.has(p.words.join(' '))) byName.set(p.words.join(' '), ref);
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  const actors = new Map(data.actors.map((a) => [a.id, a]));
  const places = new Map(data.places.map((p) => [p.id, p]));

  function scan(text: string, tokens: readonly Token[]): TokenMention[] {
    const out: TokenMention[] = [];
    let i = 0;
    while (i < tokens.length) {
      const first = tokens[i];
      const candidates = first ? byFirst.get(first.norm) : undefined;
      const hit = candidates?.find((p) => matchesAt(tokens, i, p));
      if (hit && first) {
        const last = tokens[i + hit.words.length - 1] ?? first;
        out.push({
          ref: hit.ref,
          start: first.start,
          end: last.end,
          text: text.slice(first.start, last.end),
          from: i,
          to: i + hit.words.length,
        });
        i += hit.words.length;
      } else {
        i += 1;
      }
    }
    return out;
  }

  return {
    actors: data.actors,
    places: data.places,
    actor: (id) => actors.get(id),
    place: (id) => places.get(id),
    lookup: (name) => byName.get(normaliseText(name)),
    findMentions(text) {
      return scan(text, tokenize(text));
    },
    scan,
  };
}
