/**
 * Troop figures ("2,500 US troops remain in Iraq", "some 5,200 troops", "US troops —
 * approximately 2,500 strong"): the size of a presence, never casualties. The force nouns are the
 * lexicon's plural military victim nouns.
 */
import { perVocabulary, type ExtractionVocabulary } from './vocabulary.js';

const APPROX = String.raw`(?:(?:some|about|roughly|approximately|around|nearly|almost|an\s+estimated|more\s+than|over|fewer\s+than|less\s+than|up\s+to|at\s+least)\s+)?`;
const FIGURE = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\s+(thousand))?`;
/** Up to two words between the figure and the noun ("2,500 US troops", "900 additional troops"). */
const FORCE_MODS = String.raw`(?:(?!(?:of|in|on|at|from|to|by|with|and|or|the|were|was|are|is)\b)[\p{L}][\p{L}.'-]*\s+){0,2}`;

interface Patterns {
  readonly figureFirst: RegExp;
  readonly nounFirst: RegExp;
}

const patterns = perVocabulary((v): Patterns => {
  const noun = `(?:${v.victims.militaryPluralSource})`;
  return {
    figureFirst: new RegExp(
      String.raw`(?<![\d,.])${APPROX}${FIGURE}\s+${FORCE_MODS}${noun}(?![\p{L}])([^.;]{0,40})`,
      'giu',
    ),
    nounFirst: new RegExp(
      String.raw`(?<![\p{L}])${noun}\s*[—–-]+\s*${APPROX}${FIGURE}\s+strong\b`,
      'giu',
    ),
  };
});
const CASUALTY_AFTER =
  /^\s*(?:\w+\s+){0,3}?(?:were|was|have been|had been)?\s*(?:killed|dead|died|injured|wounded|hurt|(?:diagnosed|treated|evaluated|assessed)\s+(?:with|for))\b/i;
/** "killed 150 Iraqi soldiers": a figure right after a casualty verb is never a troop figure. */
const CASUALTY_BEFORE =
  /\b(?:kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|left|leaving)\s+$/i;
const PRESENCE_AFTER =
  /\b(?:remain|remaining|are|is|were|stationed|deployed|based|present|in\s+(?:Iraq|Syria)|will|would|to\s+(?:leave|stay|remain|withdraw))\b/i;

function value(digits: string, thousand: string | undefined): number {
  const n = Number(digits.replace(/,/g, ''));
  return thousand ? n * 1000 : n;
}

/** The first troop figure in the sentences, or null. */
export function findTroopFigure(
  sentences: readonly string[],
  vocabulary: ExtractionVocabulary,
): number | null {
  const p = patterns(vocabulary);
  for (const s of sentences) {
    for (const m of s.matchAll(p.nounFirst)) {
      if (m[1]) return value(m[1], m[2]);
    }
    for (const m of s.matchAll(p.figureFirst)) {
      const after = m[3] ?? '';
      if (!m[1] || CASUALTY_AFTER.test(after)) continue;
      if (CASUALTY_BEFORE.test(s.slice(0, m.index))) continue;
      const n = value(m[1], m[2]);
      if (n >= 100 || PRESENCE_AFTER.test(after)) return n;
    }
  }
  return null;
}
