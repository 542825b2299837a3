/**
 * Casualties per side from a report's foreground sentences, killed and injured apart. Repeated
 * figures for one side (headline and lead) are merged, not added: the minimum is the largest
 * stated minimum and the maximum the largest stated maximum (never below the minimum).
 */
import { SIDES, type Casualty, type Range, type Side } from '../../domain/incident.js';
import { findCasualtyMentions, type CasualtyMention } from './casualty-mentions.js';
import type { ExtractionVocabulary } from './vocabulary.js';

export const SIDE_ORDER: readonly Side[] = SIDES;

const EMPTY: Range = { min: null, max: null };

/** Merges two figures for the same side and kind (a repeat or a revision, never a sum). */
export function mergeRange(a: Range, b: Range): Range {
  const mins = [a.min, b.min].filter((v): v is number => v !== null);
  const maxes = [a.max, b.max].filter((v): v is number => v !== null);
  const min = mins.length > 0 ? Math.max(...mins) : null;
  const maxRaw = maxes.length > 0 ? Math.max(...maxes) : null;
  const max = maxRaw !== null && min !== null && maxRaw < min ? min : maxRaw;
  return { min, max };
}

/** Combines mentions into one Casualty per side, in a fixed side order. */
export function aggregateCasualties(mentions: readonly CasualtyMention[]): Casualty[] {
  const bySide = new Map<Side, { killed: Range; injured: Range; raw: string[] }>();
  for (const m of mentions) {
    const c = bySide.get(m.side) ?? { killed: EMPTY, injured: EMPTY, raw: [] };
    if (m.kind === 'killed') c.killed = mergeRange(c.killed, m.range);
    else c.injured = mergeRange(c.injured, m.range);
    if (!c.raw.includes(m.raw)) c.raw.push(m.raw);
    bySide.set(m.side, c);
  }
  return SIDE_ORDER.filter((s) => bySide.has(s)).map((side) => {
    const c = bySide.get(side) ?? { killed: EMPTY, injured: EMPTY, raw: [] };
    return { side, killed: c.killed, injured: c.injured, raw: c.raw };
  });
}

/** Casualties mentioned in the sentences (already cut to their foreground). */
export function extractCasualties(
  sentences: readonly string[],
  isisStory: boolean,
  vocabulary: ExtractionVocabulary,
): Casualty[] {
  return aggregateCasualties(
    sentences.flatMap((s) => findCasualtyMentions(s, isisStory, vocabulary)),
  );
}
