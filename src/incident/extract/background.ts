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
  /\b(?:in retaliation (?:for|against)|in response to|to avenge|in the wake of|following (?:a|an|the|last|its|his|their|this)\b|(?<!\bthe )following (?:\w+\s+){0,2}(?:attack|strike|killing|assassination|raid|bombing|ambush)s?\b|(?:days?|weeks?|hours?|months?) after|(?:comes|came) (?:after|as|amid)|after (?:a|an|the|last) (?:\w+\s+){0,2}(?:attack|strike|killing|assassination|raid)s?\b)/i;
/**
 * Cues whose clause may tell the event's own cause ("two soldiers died following an attack on
 * their base in Manbij"): its place may still be the event's. Retaliation and response clauses
 * ("in retaliation for the attack on Tower 22") never are.
 */
const SEQUENCE_CUE = /^(?:in the wake of|following|after)\b/i;
/** Words that may open a sentence before a leading background clause. */
const OPENER = /^\s*(?:(?:and|but|meanwhile|however|so)\s*,?\s*)?$/i;

export interface ClauseSplit {
  /** What the sentence says about this event. */
  readonly foreground: string;
  /** A cut clause that may still name the event's place ("following an attack in Manbij"), or ''. */
  readonly aside: string;
}

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

/**
 * Splits a sentence at a background clause. A trailing clause ("…, in retaliation for …") is cut
 * to the end; a leading one ("Following a drone attack on the base, US jets struck …") runs to the
 * first comma and the rest of the sentence stays foreground.
 */
export function splitBackgroundClause(sentence: string): ClauseSplit {
  const m = BACKGROUND_CLAUSE.exec(sentence);
  if (!m) return { foreground: sentence, aside: '' };
  const ownCause = SEQUENCE_CUE.test(m[0]);
  if (!OPENER.test(sentence.slice(0, m.index))) {
    const aside = ownCause ? sentence.slice(m.index) : '';
    return { foreground: sentence.slice(0, m.index).trim(), aside };
  }
  const comma = sentence.indexOf(',', m.index + m[0].length);
  if (comma < 0) return { foreground: '', aside: ownCause ? sentence : '' };
  const rest = splitBackgroundClause(sentence.slice(comma + 1).trim());
  const lead = ownCause ? sentence.slice(m.index, comma) : '';
  return { foreground: rest.foreground, aside: [lead, rest.aside].filter(Boolean).join(' ') };
}

/** The part of a sentence that is about this event (see `splitBackgroundClause`). */
export function foregroundClause(sentence: string): string {
  return splitBackgroundClause(sentence).foreground;
}
