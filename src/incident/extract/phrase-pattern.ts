/**
 * Phrase lists from the YAML vocabulary as regular-expression sources: case-insensitive whole
 * words, longest phrase first, and a space or hyphen inside a phrase matching a space, a hyphen
 * or nothing ("air strike" = "airstrike" = "air-strike"; "service member" = "servicemember").
 */

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One phrase as a source: words joined by an optional space or hyphen. */
function phraseSource(phrase: string): string {
  return phrase
    .trim()
    .split(/[\s-]+/)
    .map(escape)
    .join(String.raw`[\s-]*`);
}

/** An alternation of the phrases, longest first (no word boundaries; see `wholeWords`). */
export function alternation(phrases: Iterable<string>): string {
  const unique = [...new Set([...phrases].map((p) => p.trim()).filter((p) => p.length > 0))];
  unique.sort((a, b) => b.length - a.length || a.localeCompare(b));
  return unique.map(phraseSource).join('|');
}

/** A regular expression for the phrases as whole words (flags "iu" plus `extra`). */
export function wholeWords(phrases: Iterable<string>, extra = ''): RegExp {
  return new RegExp(
    String.raw`(?<![\p{L}\d])(?:${alternation(phrases)})(?![\p{L}\d])`,
    `iu${extra}`,
  );
}

/** The key a phrase is looked up by: lower case, single spaces, no hyphens. */
export function phraseKey(text: string): string {
  return text.toLowerCase().replace(/[\s-]+/g, '');
}
