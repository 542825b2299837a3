/**
 * Who the victims were. The side is the one an actor or demonym in the victim phrase names (from
 * the gazetteer: "two US soldiers" → us, "15 ISIS operatives" → isis, "a coalition contractor" →
 * coalition, "a commander of Kata'ib Hezbollah" → militia); without one, the noun's class from
 * the lexicon decides (civilians; fighters are ISIS in a story naming ISIS; troops take the side
 * the sentence is about; contractors are US).
 */
import type { Side } from '../../domain/incident.js';
import type { ExtractionVocabulary } from './vocabulary.js';

export interface VictimContext {
  /** Side for bare military nouns ("the troops", "25 more"): the sentence's first victim side. */
  readonly fallback: Side;
  /** Whether the story names ISIS: bare "militants"/"fighters" are isis, else militia. */
  readonly isisStory: boolean;
  readonly vocabulary: ExtractionVocabulary;
}

/** A civilian word among the modifiers ("civilian personnel"): the victims are not a force. */
function civilianModifier(mods: string, v: ExtractionVocabulary): boolean {
  return mods.split(/\s+/).some((w) => v.victims.classOf(w) === 'civilian');
}

/**
 * The side of a victim phrase. `mods` are the words before the noun; `after`, for nouns such as
 * "commander", the few words after it ("a commander from Kata'ib Hezbollah").
 */
export function victimSide(mods: string, noun: string, after: string, ctx: VictimContext): Side {
  const v = ctx.vocabulary;
  const n = noun.toLowerCase();
  if (n === 'more') return ctx.fallback;
  if (n === 'others') return 'unknown';
  const cls = v.victims.classOf(noun);
  if (cls === 'civilian') return 'civilian';
  const named = v.sideNamed(`${mods} ${noun} ${after}`);
  if (cls === 'contractor') return named ?? 'us';
  if (named) return named;
  if (civilianModifier(mods, v)) return cls === 'military' ? 'unknown' : 'civilian';
  if (cls === 'armed') return ctx.isisStory ? 'isis' : 'militia';
  if (cls === 'military') return ctx.fallback === 'civilian' ? 'unknown' : ctx.fallback;
  return 'unknown';
}
