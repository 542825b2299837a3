/**
 * Victim phrases in a sentence: a figure with its modifiers and victim noun ("at least 15 ISIS
 * operatives", "two"), or one named or singular victim without a figure ("Kata'ib Hezbollah
 * commander Abu X", "Abu X, a senior commander", "the soldier"). The victim nouns come from the
 * lexicon; the casualty verbs are linked to these phrases in casualty-mentions.ts.
 */
import type { Range } from '../../domain/incident.js';
import { parseQuantity, QUANTITY_SOURCE } from './quantity.js';
import { perVocabulary, type ExtractionVocabulary } from './vocabulary.js';

export interface VictimGroup {
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  /** The words before the noun. */
  readonly mods: string;
  /** After a leader noun, the words that may name its side ("a commander of Kata'ib Hezbollah"). */
  readonly after: string;
  /** The victim noun, or an actor named as one ("15 ISIS"); null for a bare figure. */
  readonly noun: string | null;
  readonly text: string;
}

/** Function words, units and targets that never modify a victim noun (event cues are added). */
const STOP_WORDS = String.raw`in|on|at|of|from|to|by|with|near|against|and|or|but|including|among|others|more|were|was|is|are|have|has|had|been|be|said|says|say|told|killed|kills?|killing|injured|injures?|injuring|wounded|wounds?|wounding|dead|leaving|left|hits?|struck|targeting|targeted|hosting|housing|that|which|who|after|before|during|when|while|as|than|targets?|sites?|facilities|bases?|hideouts?|years?|months?|days?|weeks?|hours?|minutes?|miles?|km|kilomet(?:er|re)s?|times`;
/** Calendar and function words are not names ("killed a commander Thursday"). */
const NOT_A_NAME = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|In|On|At|Near|After|And)\b`;
const PARTICLE = String.raw`(?:al|el|bin|ibn|abu|abd|bint)`;
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'’.-]*|${PARTICLE}-\p{L}[\p{L}'’-]*)`;
const NAME = String.raw`(?!${NOT_A_NAME})${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)?${NAME_WORD}){0,4}`;
/** A personal name: capitalised words, with the particles of Arabic names ("Abu Baqir al-Saadi"). */
const NAME_AFTER = new RegExp(String.raw`^\s+${NAME}`, 'u');
const NAME_BEFORE = new RegExp(String.raw`(?<![\p{L}'’-])${NAME},\s*$`, 'u');
/** "11 others", "25 more": nouns that stand for victims named before them (victim-side.ts). */
const PRONOUN_NOUNS = 'others|more';
/** "no one", "no US troops": a negated figure is not a casualty. */
const NO_BEFORE = /\bno\s+$/i;
const FOLLOWING_MODS = /^\s+(?:from|of|in)\s+((?:[\p{L}'’-]+\s*){1,5})/u;
const ONE: Range = { min: 1, max: 1 };

interface Patterns {
  readonly group: RegExp;
  readonly single: RegExp;
}

const patterns = perVocabulary((v): Patterns => {
  // Weapons and violent events ("two rocket attacks") never modify a victim noun.
  const cueWords = v.eventCues
    .filter((c) => c.cues.type === 'Battles' || c.cues.type === 'Explosions/Remote violence')
    .flatMap((c) => c.cues.cues)
    .filter((w) => /^[\p{L}]+$/u.test(w))
    .map((w) => w.toLowerCase());
  const stop = String.raw`(?:${STOP_WORDS}|${[...new Set(cueWords)].join('|')})\b`;
  const mod = String.raw`(?:(?!${stop})[\p{L}][\p{L}.'’-]*|\([\p{Lu}]{2,6}\))`;
  return {
    group: new RegExp(
      String.raw`(?<![\p{L}\d,.])(${QUANTITY_SOURCE})(?:\s+(?:of\s+(?:the\s+)?)?((?:${mod}\s+){0,4})(${v.victims.source}|${PRONOUN_NOUNS})\b)?`,
      'giu',
    ),
    single: new RegExp(
      String.raw`(?<![\p{L}\d'’-])((?:${mod}\s+){0,4})(${v.victims.singularSource})\b`,
      'giu',
    ),
  };
});

/** Leader nouns ("a commander") take their side from what follows: "from Kata'ib Hezbollah". */
function followingMods(
  v: ExtractionVocabulary,
  sentence: string,
  end: number,
  noun: string | null,
): string {
  if (!noun || v.victims.classOf(noun) !== 'leader') return '';
  return FOLLOWING_MODS.exec(sentence.slice(end))?.[1] ?? '';
}

/** Actors a figure may stand before as a noun: armed groups ("15 ISIS", "40 Daesh"). */
const ACTOR_NOUN_KINDS: ReadonlySet<string> = new Set(['isis', 'militia', 'militia-generic']);

/** A bare figure followed by an armed group's name used as a noun ("15 ISIS were killed"). */
function withActorNoun(v: ExtractionVocabulary, sentence: string, g: VictimGroup): VictimGroup {
  if (g.noun !== null || /^an?$/i.test(g.text)) return g;
  const after = sentence.slice(g.end);
  const space = /^\s+/.exec(after)?.[0].length ?? 0;
  if (space === 0) return g;
  const actor = v.leadingActor(after.slice(space));
  if (
    !actor ||
    !ACTOR_NOUN_KINDS.has(actor.kind) ||
    /^[\p{L}\d]/u.test(after.slice(space + actor.length))
  )
    return g;
  const end = g.end + space + actor.length;
  const noun = sentence.slice(g.end + space, end);
  return { ...g, end, noun, text: sentence.slice(g.start, end) };
}

function quantityGroups(v: ExtractionVocabulary, sentence: string): VictimGroup[] {
  const out: VictimGroup[] = [];
  for (const m of sentence.matchAll(patterns(v).group)) {
    const range = parseQuantity(m[1] ?? '');
    if (!range || NO_BEFORE.test(sentence.slice(0, m.index))) continue;
    const noun = m[3] ?? null;
    const end = m.index + m[0].length;
    const mods = m[2] ?? '';
    const after = followingMods(v, sentence, end, noun);
    const g = { start: m.index, end, range, mods, after, noun, text: m[0] };
    out.push(withActorNoun(v, sentence, g));
  }
  return out.filter((g) => g.noun !== null || !/^\d{4}$/.test(g.text));
}

/**
 * One named or singular victim without a figure: "killed Kata'ib Hezbollah commander Abu X",
 * "ISIS leader killed in raid", "the soldier was wounded". The personal name after the noun
 * belongs to the phrase (so "… commander Abu X was killed" still links the verb).
 */
function singularGroups(
  v: ExtractionVocabulary,
  sentence: string,
  taken: readonly VictimGroup[],
): VictimGroup[] {
  const out: VictimGroup[] = [];
  for (const m of sentence.matchAll(patterns(v).single)) {
    const start = m.index;
    const nounEnd = start + m[0].length;
    if (taken.some((g) => start < g.end && g.start < nounEnd)) continue;
    if (nounNext(v, sentence.slice(nounEnd))) continue;
    const name = NAME_AFTER.exec(sentence.slice(nounEnd));
    const end = nounEnd + (name?.[0].length ?? 0);
    const noun = m[2] ?? null;
    const after = followingMods(v, sentence, end, noun);
    const text = sentence.slice(start, end);
    out.push({ start, end, range: ONE, mods: m[1] ?? '', after, noun, text });
  }
  return out;
}

/** A singular noun used as a modifier ("American troops", "militant leaders") is not a victim. */
function nounNext(v: ExtractionVocabulary, rest: string): boolean {
  const next = /^\s+([\p{L}]+)/u.exec(rest)?.[1];
  return next !== undefined && v.victims.classOf(next) !== undefined;
}

/** "Abu X, a senior commander": the name before a single victim belongs to its phrase. */
function withNameBefore(sentence: string, g: VictimGroup): VictimGroup {
  if (g.range.min !== 1 || g.range.max !== 1 || !g.noun) return g;
  const name = NAME_BEFORE.exec(sentence.slice(0, g.start));
  return name ? { ...g, start: name.index } : g;
}

/** Every victim phrase in the sentence, in order. */
export function findVictimGroups(v: ExtractionVocabulary, sentence: string): VictimGroup[] {
  const counted = quantityGroups(v, sentence);
  const all = [...counted, ...singularGroups(v, sentence, counted)];
  return all.sort((a, b) => a.start - b.start).map((g) => withNameBefore(sentence, g));
}
