/**
 * Event type and sub-type (ACLED, plus "Political statement"), from the lexicon's cue words
 * (config/lexicon.yml `eventTypes`). The earliest cue in the title decides; without one, the
 * earliest in the first three lead sentences, then in the rest of the lead. A weak cue (a bare
 * "attack": most often remote violence on a base) counts only when no other cue is found.
 */
import type { EventType } from '../../domain/incident.js';
import type { EventCue, ExtractionVocabulary } from './vocabulary.js';

export interface EventClass {
  readonly type: EventType | null;
  readonly subType: string | null;
}

/** The cue found earliest in the text; at one position the longest, then the first listed. */
function earliest(text: string, cues: readonly EventCue[]): EventCue | null {
  let best: EventCue | null = null;
  let bestAt = Number.POSITIVE_INFINITY;
  let bestLength = 0;
  for (const cue of cues) {
    const m = cue.re.exec(text);
    if (!m) continue;
    if (m.index < bestAt || (m.index === bestAt && m[0].length > bestLength)) {
      best = cue;
      bestAt = m.index;
      bestLength = m[0].length;
    }
  }
  return best;
}

/** Classifies a report from its title and foreground lead sentences (first three, then the rest). */
export function classifyEvent(
  title: string,
  lead: readonly string[],
  vocabulary: ExtractionVocabulary,
): EventClass {
  const texts = [title, lead.slice(0, 3).join(' '), lead.slice(3).join(' ')];
  const strong = vocabulary.eventCues.filter((c) => !c.cues.weak);
  const weak = vocabulary.eventCues.filter((c) => c.cues.weak);
  for (const cues of [strong, weak]) {
    for (const t of texts) {
      const cue = earliest(t, cues);
      if (cue) return { type: cue.cues.type, subType: cue.cues.subType };
    }
  }
  return { type: null, subType: null };
}
