/**
 * The one lead sentence that carries the most facts of the incident: its casualty figures,
 * place, actors and event words. Page furniture, headings and background sentences never
 * qualify; ties go to the earlier, then the shorter sentence.
 */
import type { IncidentFacts } from '../domain/incident.js';
import { isBackgroundSentence } from '../incident/extract/background.js';
import { isFurniture, isHeadingLike } from '../incident/extract/page-furniture.js';
import { parseNumber } from '../incident/extract/quantity.js';

const EVENT_WORDS =
  /\b(killed|wounded|injured|dead|died|drones?|rockets?|missiles?|strikes?|airstrikes?|raids?|attack(?:ed|s)?|clash(?:es)?|operation|condemn\w*|withdraw\w*|agree\w*|expel\w*|vote[sd]?)\b/gi;

function figures(f: IncidentFacts): Set<number> {
  const out = new Set<number>();
  for (const c of f.casualties) {
    for (const v of [c.killed.min, c.killed.max, c.injured.min, c.injured.max]) {
      if (v !== null) out.add(v);
    }
  }
  return out;
}

function numbersIn(sentence: string): Set<number> {
  const out = new Set<number>();
  for (const m of sentence.matchAll(/\b(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b/gi)) {
    const n = parseNumber(m[1] ?? '');
    if (n && !n.vague && !['a', 'an'].includes((m[1] ?? '').toLowerCase())) out.add(n.value);
  }
  return out;
}

function factScore(sentence: string, f: IncidentFacts, wanted: Set<number>): number {
  const lower = sentence.toLowerCase();
  let score = 0;
  for (const n of numbersIn(sentence)) if (wanted.has(n)) score += 2;
  for (const name of [f.location.place, f.location.admin1, f.location.country]) {
    if (name && lower.includes(name.toLowerCase())) score += 1;
  }
  for (const a of f.actors) if (lower.includes(a.name.toLowerCase())) score += 1;
  score += Math.min(3, [...sentence.matchAll(EVENT_WORDS)].length);
  return score;
}

/** A teaser cut off mid-sentence ("…", "[...]"): never a lead. */
const CUT_OFF = /(?:…|\.{3}|\[\s*(?:…|\.{3})\s*\])\W*$/;

/** True when a sentence may be quoted in a summary. */
export function quotable(sentence: string): boolean {
  const words = sentence.split(/\s+/).length;
  return (
    words >= 6 &&
    !isFurniture(sentence) &&
    !isHeadingLike(sentence) &&
    !isBackgroundSentence(sentence) &&
    !CUT_OFF.test(sentence) &&
    !/https?:\/\/|pic\.twitter\.com|@\w+/.test(sentence)
  );
}

/** The best lead sentence among the candidates (in report order), or null. */
export function bestLeadSentence(candidates: readonly string[], f: IncidentFacts): string | null {
  const wanted = figures(f);
  let best: string | null = null;
  let bestScore = -1;
  for (const s of candidates) {
    if (!quotable(s)) continue;
    const score = factScore(s, f, wanted);
    if (score > bestScore || (score === bestScore && best !== null && s.length < best.length)) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}
