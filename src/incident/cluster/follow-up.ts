/**
 * Follow-up reports: a later account of an earlier attack that revises its figures ("the number
 * hurt climbs past 40", "toll rises to 5", "were later diagnosed with", "despite earlier claims
 * of no injuries", "revising earlier accounts"). Analysts want these as an UPDATE of the original
 * incident, so the clusterer lets their changed casualty counts pass and gives them a longer
 * window. A report of a new attack ("another attack", "a fresh barrage") is never a follow-up.
 */

const REVISION: readonly RegExp[] = [
  /\b(?:rises|rose|risen|rising|climbs|climbed|climbing|jumps|jumped|grows|grew|grown|increases|increased)\s+(?:to|past|above|beyond)\b/i,
  /\b(?:death|casualty|injury|wounded)\s+(?:toll|count|figure)\b/i,
  /\b(?:number|count|tally)\s+of\s+(?:\w+\s+){0,4}(?:hurt|injured|wounded|killed|dead|diagnosed|treated|casualties|injuries)\b/i,
  /\b(?:later|subsequently|since)\s+(?:been\s+)?(?:diagnosed|treated|evaluated|found|confirmed|died)\b/i,
  /\b(?:despite|contrary to|revising|revised|correcting|updating|updated)\s+(?:\w+\s+){0,2}(?:earlier|initial|previous|first)\s+(?:claims?|accounts?|reports?|statements?|assessments?|figures?)\b/i,
  /\b(?:initially|originally|at first)\s+(?:\w+\s+){0,3}(?:said|reported|stated|claimed)\b/i,
  /\bup\s+from\s+(?:an?\s+)?(?:\w+\s+)?\d/i,
  /\bmore\s+(?:U\.S\.\s+|US\s+|American\s+|coalition\s+)?(?:troops|soldiers|service\s*members|personnel)\s+(?:\w+\s+){0,2}(?:diagnosed|treated|evaluated|injured|hurt|wounded)\b/i,
  /^(?:update|updated)\b/i,
];

const NEW_EVENT =
  /\b(?:another|new|fresh|renewed|second|third|latest|separate)\s+(?:\w+\s+)?(?:attack|strike|barrage|salvo|volley|assault|raid)s?\b/i;

/** True when the title or foreground lead reads as a revision of an earlier report. */
export function isFollowUp(foreground: readonly string[]): boolean {
  const text = foreground.join(' ');
  if (NEW_EVENT.test(text)) return false;
  return REVISION.some((re) => re.test(text));
}
