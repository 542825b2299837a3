import type { TokenMention } from '../gazetteer/gazetteer.js';
import { sameSentence, type ClauseText } from './clause.js';
import { actorOf, placeOf } from './evidence.js';
import type { EventReading } from './event-cues.js';
import type { EventClass } from './lexicon.js';
import type { PhraseHit } from './phrase-index.js';

type Hit = PhraseHit<EventClass>;

/** Air and drone strikes: the weapons of a US strike told from the victims' side. */
const AIR_STRIKES = new Set([
  'drone strike',
  'airstrike',
  'air strike',
  'air raid',
  'precision strike',
]);

/** Theatres whose forces also strike in Iraq and Syria (Israel, Turkey). */
const OTHER_STRIKERS = new Set(['israel-gaza', 'turkey-pkk', 'lebanon']);

/** Local forces that fly strikes themselves (Iraqi, Kurdish and Syrian forces, governments). */
const LOCAL_KINDS = new Set(['partner-force', 'government']);

function namesOtherStriker(mentions: readonly TokenMention[]): boolean {
  return mentions.some((m) => {
    const theatre = placeOf(m)?.theatre ?? actorOf(m)?.theatre;
    return theatre !== undefined && OTHER_STRIKERS.has(theatre);
  });
}

/**
 * An air or drone strike that kills or hits a named Iran-backed militia (its commander, its
 * fighters) in the same sentence, with no other striker named (Israel, Turkey, Iraqi or Syrian
 * forces) and no attack on US forces in the item: reported from the victims' side ("Drone strike
 * kills militia commander in Baghdad"), it is almost always a US strike. Read as a weaker usAgent.
 */
export function impliedUsAgent(
  item: ClauseText,
  hits: readonly Hit[],
  mentions: readonly TokenMention[],
): EventReading {
  if (namesOtherStriker(mentions)) return { value: 0 };
  if (mentions.some((m) => LOCAL_KINDS.has(actorOf(m)?.kind ?? ''))) return { value: 0 };
  for (const h of hits) {
    if (h.value !== 'strike' || !AIR_STRIKES.has(h.phrase)) continue;
    const militia = mentions.find(
      (m) => actorOf(m)?.kind === 'militia' && m.from >= h.to && sameSentence(item, h.to, m.from),
    );
    const killed = hits.some(
      (c) => c.value === 'casualty' && c.from >= h.to && sameSentence(item, h.to, c.from),
    );
    if (militia && killed) return { value: 0.6, reason: `${h.phrase} … ${militia.text}` };
  }
  return { value: 0 };
}
