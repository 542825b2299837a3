/**
 * Reported speech: who is quoted is not, for that, an actor of the event. "…, US officials
 * said", "according to the Pentagon", "said a US defense official", "CENTCOM said in a
 * statement" name a source; the event's actors are the ones that act or are acted on.
 */
import type { Mention } from '../../gazetteer/gazetteer.js';

const SPEECH_VERB = String.raw`(?:said|says|say|told|tells|announced|announces|stated|states|confirmed|confirms|reported|reports|claimed|claims|added|noted|disclosed|acknowledged|tweeted|wrote|posted|quoted)`;
const SPEAKER_NOUN = String.raw`(?:officials?|spokes(?:man|woman|person|people)|sources?|statements?|officers?|representatives?|ministry|envoy|command|military|authorities)`;
const SPEAKER_MOD = String.raw`(?:senior|top|military|defen[cs]e|security|government|administration|state|press|two|three|several|other)`;

/** The mention is followed by "(officials) said" / "'s statement said"… */
const SPEAKS_AFTER = new RegExp(
  String.raw`^(?:'s)?(?:\s*\([^)]{1,40}\))?\s*(?:${SPEAKER_MOD}\s+){0,2}(?:${SPEAKER_NOUN}\s*)?,?\s*(?:(?:has|have|had|also|later|previously)\s+)?${SPEECH_VERB}\b`,
  'i',
);
/** …or preceded by "according to", "said a", "citing". */
const SPEAKS_BEFORE = new RegExp(
  String.raw`\b(?:according\s+to|${SPEECH_VERB}|citing|quoting)\s+(?:(?:an?|the|two|three|several)\s+)?(?:(?:senior|unnamed|anonymous)\s+)?$`,
  'i',
);

/**
 * …unless what it says is about itself: "the group said it launched the drones", "Kata'ib
 * Hezbollah says two of its fighters died", "claimed responsibility" (a claim names the actor).
 */
const ABOUT_ITSELF =
  /^\s*,?\s*(?:that\s+)?(?:[\p{L}\d'-]+\s+){0,3}?(?:it|its|itself|they|their|we|our)\b/iu;
const CLAIM = /^claim/i;

/** True when the mention in `text` is only the source of reported speech. */
export function isSpeaker(text: string, m: Pick<Mention, 'start' | 'end'>): boolean {
  const after = SPEAKS_AFTER.exec(text.slice(m.end));
  if (after) {
    const verb = /\S+$/.exec(after[0])?.[0] ?? '';
    return !CLAIM.test(verb) && !ABOUT_ITSELF.test(text.slice(m.end + after[0].length));
  }
  return SPEAKS_BEFORE.test(text.slice(0, m.start));
}
