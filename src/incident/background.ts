/**
 * Background: sentences and clauses about older incidents or context ("In January, an American
 * contractor was killed...", "in August 2019...", "the 2020 strike that killed...", "...in
 * retaliation for last weekend's attack that killed three troops"). Their figures, places and
 * dates are not the new event's.
 */

const MONTH = String.raw`(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?`;

const BACKGROUND_SENTENCE: readonly RegExp[] = [
  // A month with no day ("In January,", "in August 2019", "since October").
  new RegExp(
    String.raw`\b(?:in|since|during)\s+(?:early\s+|late\s+|mid-?)?${MONTH}(?!\s*\d{1,2}\b)`,
    'i',
  ),
  new RegExp(
    String.raw`^(?:back\s+)?(?:in|since|during)\s+(?:early\s+|late\s+|mid-?)?${MONTH}`,
    'i',
  ),
  // A past year ("in 2019", "since 2014", "the 2020 strike").
  /\b(?:in|since|during)\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d{2}\b/i,
  /\bthe\s+(?:19|20)\d{2}\s+(?:\w+\s+)?(?:strike|attack|raid|killing|assassination|bombing|invasion|war|withdrawal)/i,
  // Explicit references to the past.
  /\b(?:previously|earlier this (?:year|month)|last (?:year|month)|(?:a|one|two|three|four|five|several|\d+) (?:years?|months?) (?:ago|earlier)|anniversary|in recent (?:months|years)|since the (?:start|beginning|outbreak))\b/i,
  /\b(?:another|a previous|an earlier|a similar|the last|the previous)\s+(?:previously\s+reported\s+)?(?:\w+\s+)?(?:incident|attack|strike|raid)\b/i,
];

/** Cues after which the rest of a clause describes an earlier event. */
const BACKGROUND_CLAUSE =
  /\b(?:in retaliation (?:for|against)|in response to|to avenge|in the wake of|following (?:a|an|the|last|its|his|their|this)\b|(?:days?|weeks?|hours?|months?) after|(?:comes|came) (?:after|as|amid)|after (?:a|an|the|last) (?:\w+\s+){0,2}(?:attack|strike|killing|assassination|raid)s?\b)/i;

/**
 * A revised figure's earlier value ("…has risen to 109, up from 64 late last month"): the
 * sentence is about the new figure, so the earlier value's date does not make it background.
 */
const EARLIER_FIGURE = /,?\s*\b(?:up|down)\s+from\s+(?:an?\s+)?(?:\w+\s+)?\d[\d,]*[^,;.]*/gi;

/** True when a whole sentence is background. Titles are never background. */
export function isBackgroundSentence(sentence: string): boolean {
  const text = sentence.replace(EARLIER_FIGURE, '');
  return BACKGROUND_SENTENCE.some((re) => re.test(text));
}

/** The part of a sentence before a background clause ("..., in retaliation for ..."). */
export function foregroundClause(sentence: string): string {
  const m = BACKGROUND_CLAUSE.exec(sentence);
  return m ? sentence.slice(0, m.index).trim() : sentence;
}
