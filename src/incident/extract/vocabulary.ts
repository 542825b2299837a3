/**
 * The extractor's vocabulary, built once from the same files the matcher reads: the gazetteer
 * (actors, places, demonyms → sides), the lexicon's `victims` and `eventTypes` sections, and the
 * product's theatre from config. Nothing in src/incident names an actor, a place, a victim noun
 * or an event cue itself.
 */
import type { Side } from '../../domain/incident.js';
import { type ActorKind, type PlaceEntry, type Theatre } from '../../gazetteer/gazetteer-data.js';
import { createGazetteer, type Gazetteer } from '../../gazetteer/gazetteer.js';
import { tokenize } from '../../gazetteer/normalise.js';
import {
  VICTIM_CLASSES,
  type EventTypeCues,
  type ExtractionLexicon,
  type VictimClass,
} from './extraction-lexicon.js';
import { alternation, phraseKey, wholeWords } from './phrase-pattern.js';

export interface VictimNouns {
  /** Regular-expression source of every victim noun, longest first. */
  readonly source: string;
  /** Same, for the singular nouns only. */
  readonly singularSource: string;
  /** Same, for the plural military nouns (troop figures: "2,500 US troops"). */
  readonly militaryPluralSource: string;
  classOf(noun: string): VictimClass | undefined;
}

export interface EventCue {
  readonly cues: EventTypeCues;
  readonly re: RegExp;
}

export interface ExtractionVocabulary {
  readonly gazetteer: Gazetteer;
  /** The product's theatre: its places come first when choosing an event's place. */
  readonly theatre: Theatre;
  readonly victims: VictimNouns;
  /** Event cues in YAML order, strong ones first; `weak` ones last. */
  readonly eventCues: readonly EventCue[];
  /** The side an actor name or demonym in `text` gives (the last one named), or null. */
  sideNamed(text: string): Side | null;
  /** The side of an actor named at the very start of `text` and the length it covers. */
  leadingActor(
    text: string,
  ): { readonly side: Side; readonly kind: ActorKind; readonly length: number } | null;
  /** Whether the texts name ISIS (bare "militants" are then ISIS). */
  namesIsis(texts: readonly string[]): boolean;
  inTheatre(place: PlaceEntry): boolean;
  /** Every word of every gazetteer name, alias and demonym (normalised, lower case). */
  readonly gazetteerWords: ReadonlySet<string>;
}

export interface VocabularySources {
  readonly gazetteer: Gazetteer;
  readonly lexicon: ExtractionLexicon;
  readonly theatre: Theatre;
}

function victimNouns(lexicon: ExtractionLexicon): VictimNouns {
  const classes = new Map<string, VictimClass>();
  const all: string[] = [];
  const singular: string[] = [];
  for (const cls of VICTIM_CLASSES) {
    const nouns = lexicon.victims[cls];
    if (!nouns) continue;
    for (const n of [...nouns.one, ...nouns.many]) classes.set(phraseKey(n), cls);
    all.push(...nouns.one, ...nouns.many);
    singular.push(...nouns.one);
  }
  return {
    source: alternation(all),
    singularSource: alternation(singular),
    militaryPluralSource: alternation(lexicon.victims.military?.many ?? []),
    classOf: (noun) => classes.get(phraseKey(noun)),
  };
}

/** Actors with their demonyms as aliases (for sides only); unnamed ones ("coalition") left out. */
function sideGazetteer(gazetteer: Gazetteer): Gazetteer {
  const actors = gazetteer.actors
    .filter((a) => a.side !== 'unknown')
    .map((a) => ({ ...a, aliases: [...a.aliases, ...a.demonyms] }));
  return createGazetteer({ actors, places: [] });
}

function gazetteerWords(gazetteer: Gazetteer): Set<string> {
  const names = [
    ...gazetteer.actors.flatMap((a) => [a.name, ...a.aliases, ...a.casedAliases, ...a.demonyms]),
    ...gazetteer.places.flatMap((p) => [p.name, ...p.aliases, ...p.casedAliases]),
  ];
  return new Set(names.flatMap((n) => tokenize(n).map((t) => t.norm)));
}

/**
 * A function of the vocabulary computed once per vocabulary (regular expressions compiled from
 * its word lists): `perVocabulary(build)(v)` builds on first use and remembers.
 */
export function perVocabulary<T>(
  build: (v: ExtractionVocabulary) => T,
): (v: ExtractionVocabulary) => T {
  const cache = new WeakMap<ExtractionVocabulary, T>();
  return (v) => {
    const hit = cache.get(v);
    if (hit !== undefined) return hit;
    const built = build(v);
    cache.set(v, built);
    return built;
  };
}

export function createVocabulary(sources: VocabularySources): ExtractionVocabulary {
  const { gazetteer, lexicon, theatre } = sources;
  const sides = sideGazetteer(gazetteer);
  const eventCues = [...lexicon.eventTypes]
    .sort((a, b) => Number(a.weak) - Number(b.weak))
    .map((cues) => ({ cues, re: wholeWords(cues.cues) }));
  return {
    gazetteer,
    theatre,
    victims: victimNouns(lexicon),
    eventCues,
    sideNamed(text) {
      const mentions = sides.findMentions(text);
      const last = mentions[mentions.length - 1];
      return last?.ref.kind === 'actor' ? last.ref.entry.side : null;
    },
    leadingActor(text) {
      const first = sides.findMentions(text.slice(0, 60))[0];
      if (first?.ref.kind !== 'actor' || /\S/.test(text.slice(0, first.start))) return null;
      return { side: first.ref.entry.side, kind: first.ref.entry.kind, length: first.end };
    },
    namesIsis: (texts) =>
      texts.some((t) =>
        gazetteer
          .findMentions(t)
          .some((m) => m.ref.kind === 'actor' && m.ref.entry.kind === 'isis'),
      ),
    inTheatre: (place) => place.theatre === theatre,
    gazetteerWords: gazetteerWords(gazetteer),
  };
}
