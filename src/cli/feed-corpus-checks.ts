import { canonicalLink } from '../domain/canonical-url.js';
import { htmlToText } from '../feed/html-to-text.js';
import type { CliOutput } from './feed-corpus-batch.js';

export interface ManifestCheck {
  path: string;
  equals: string;
}

export interface ManifestEntry {
  file: string;
  checks?: ManifestCheck[];
}

/** The manifest paths we compare, and the field of our output each one reads. */
const FIELDS: Record<string, (o: CliOutput) => string | null | undefined> = {
  'feed.title': (o) => o.feed.title,
  'feed.link': (o) => o.feed.link,
  'feed.description': (o) => o.feed.description,
  'item0.title': (o) => o.items[0]?.['title'],
  'item0.link': (o) => o.items[0]?.['link'],
  'item0.id': (o) => o.items[0]?.['guid'],
  'item0.summary': (o) => o.items[0]?.['summary'],
  'item0.description': (o) => o.items[0]?.['summary'],
  'item0.published': (o) => o.items[0]?.['published'],
  'item0.updated': (o) => o.items[0]?.['updated'],
};

/** The "simple title/link checks". */
export const TITLE_LINK = new Set(['feed.title', 'feed.link', 'item0.title', 'item0.link']);

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Whether our output agrees with one manifest check. `equals` is feedparser's (often sanitized
 * HTML) value: it is turned into plain text the way we render HTML (or, for plain-text fields,
 * taken as it is); links are compared in
 * canonical form, dates as instants. Returns undefined for paths we do not output.
 */
export function agrees(check: ManifestCheck, output: CliOutput | undefined): boolean | undefined {
  const read = FIELDS[check.path];
  if (!read) return undefined;
  if (!output) return false;
  const ours = read(output) ?? '';
  if (check.path.endsWith('.link')) {
    return canonicalLink(ours) === (canonicalLink(check.equals) || check.equals);
  }
  if (check.path.endsWith('.published') || check.path.endsWith('.updated')) {
    return Date.parse(ours) === Date.parse(check.equals);
  }
  if (check.path.endsWith('.id')) return ours === check.equals;
  // feedparser gives HTML for HTML fields and the raw text for plain-text ones: accept either.
  const text = fold(ours);
  return (
    text === fold(htmlToText(check.equals, { singleLine: true })) || text === fold(check.equals)
  );
}
