/**
 * Whether a feed description is a teaser rather than the story's lead: empty, cut off ("…",
 * "Read more"), a one-liner of fewer than a dozen words, or — beside the article's first
 * paragraph — carrying none of the figures that paragraph gives. A teaser never leads a summary
 * once the article is known.
 */
import { parseNumber } from './extract/quantity.js';

const CUT_OFF =
  /(?:…|\.{3}|\[\s*(?:…|\.{3})\s*\]|»|\b(?:read|see|find out) more|continue reading|full story(?: on [\w\s.]+)?)\W*$/i;
const MIN_WORDS = 12;

/** Exact figures in a text, digits or words ("four", "1,200"); vague ones ("dozens") left out. */
function figures(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(/\b(\d[\d,]*|[a-z]+(?:-[a-z]+)?)\b/gi)) {
    const word = m[1] ?? '';
    if (/^an?$/i.test(word)) continue;
    const n = parseNumber(word);
    if (n && !n.vague) out.add(n.value);
  }
  return out;
}

export function isTeaser(description: string, articleLead?: string): boolean {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length === 0 || CUT_OFF.test(text)) return true;
  if (text.split(' ').length < MIN_WORDS) return true;
  if (!articleLead) return false;
  const wanted = figures(articleLead);
  if (wanted.size === 0) return false;
  return ![...figures(text)].some((n) => wanted.has(n));
}
