/**
 * Troop figures ("2,500 US troops remain in Iraq", "some 5,200 troops", "US troops —
 * approximately 2,500 strong"): the size of a presence, never casualties.
 */

const APPROX = String.raw`(?:(?:some|about|roughly|approximately|around|nearly|almost|an\s+estimated|more\s+than|over|fewer\s+than|less\s+than|up\s+to|at\s+least)\s+)?`;
const FIGURE = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\s+(thousand))?`;
const FORCE_MODS = String.raw`(?:(?:U\.S\.|US|American|coalition|foreign|NATO|international|combat|Western|allied|additional|more)\s+){0,2}`;
const FORCE_NOUN = String.raw`(?:troops|forces|soldiers|service\s*members|servicemen|military\s+personnel|personnel|marines)`;
const FIGURE_FIRST = new RegExp(
  String.raw`(?<![\d,.])${APPROX}${FIGURE}\s+${FORCE_MODS}${FORCE_NOUN}\b([^.;]{0,40})`,
  'gi',
);
const NOUN_FIRST = new RegExp(
  String.raw`\b${FORCE_NOUN}\s*[—–-]+\s*${APPROX}${FIGURE}\s+strong\b`,
  'gi',
);
const CASUALTY_AFTER =
  /^\s*(?:\w+\s+){0,3}?(?:were|was|have been|had been)?\s*(?:killed|dead|died|injured|wounded|hurt|(?:diagnosed|treated|evaluated|assessed)\s+(?:with|for))\b/i;
const PRESENCE_AFTER =
  /\b(?:remain|remaining|are|is|were|stationed|deployed|based|present|in\s+(?:Iraq|Syria)|will|would|to\s+(?:leave|stay|remain|withdraw))\b/i;

function value(digits: string, thousand: string | undefined): number {
  const n = Number(digits.replace(/,/g, ''));
  return thousand ? n * 1000 : n;
}

/** The first troop figure in the sentences, or null. */
export function findTroopFigure(sentences: readonly string[]): number | null {
  for (const s of sentences) {
    for (const m of s.matchAll(NOUN_FIRST)) {
      if (m[1]) return value(m[1], m[2]);
    }
    for (const m of s.matchAll(FIGURE_FIRST)) {
      const after = m[3] ?? '';
      if (!m[1] || CASUALTY_AFTER.test(after)) continue;
      const n = value(m[1], m[2]);
      if (n >= 100 || PRESENCE_AFTER.test(after)) return n;
    }
  }
  return null;
}
