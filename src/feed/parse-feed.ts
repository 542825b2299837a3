import { decodeFeed } from './decode-feed.js';
import { limitItems } from './limit-items.js';
import { FeedError } from './feed-error.js';
import { parseXmlFeed, type ParsedXmlFeed } from './feed-xml-parser.js';
import { plainText } from './plain-text.js';
import { prepareXml, rootElementName } from './prepare-xml.js';
import { atomLink, atomText, readEntry } from './read-entry.js';
import type { FeedFormat, ParsedFeed } from './raw-entry.js';
import { attr, child, childText, text, type XmlNode } from './xml-node.js';

export type { ParsedFeed, RawEntry } from './raw-entry.js';

/** Says what a document that is not a feed is instead, or undefined when it may be a feed. */
function notAFeed(doc: string): string | undefined {
  const start = doc.trimStart();
  if (start.length === 0) return 'empty document';
  if (start.startsWith('{') || start.startsWith('[')) return 'got JSON';
  const root = rootElementName(start)?.toLowerCase();
  if (root === 'html') return 'got an HTML page';
  if (root === undefined)
    return start.startsWith('<') ? 'no root element' : 'got plain text, not XML';
  const local = root.slice(root.indexOf(':') + 1);
  if (!['rss', 'feed', 'rdf', 'channel'].includes(local))
    return `root element <${root}> is not rss, feed or rdf:RDF`;
  return undefined;
}

function formatOf(root: string | undefined): FeedFormat {
  const local = (root ?? '').slice((root ?? '').indexOf(':') + 1).toLowerCase();
  if (local === 'feed') return 'atom';
  return local === 'rdf' ? 'rdf' : 'rss';
}

/** Turns an xml2js/sax or rss-parser failure into a one-line FeedError. */
function parseFailure(err: unknown): FeedError {
  const message = err instanceof Error ? err.message : String(err);
  const line = /Line:\s*(\d+)/.exec(message);
  const what = (message.split('\n')[0] ?? '').trim().replace(/\.$/, '');
  if (/not recognized as RSS/i.test(message)) {
    return new FeedError('not-a-feed', 'not a feed: not RSS, Atom or RDF', { cause: err });
  }
  if (line) {
    const n = Number(line[1]) + 1;
    return new FeedError('parse-error', `parse error at line ${n}: ${what.toLowerCase()}`, {
      cause: err,
      line: n,
    });
  }
  return new FeedError('parse-error', `parse error: ${what || 'unreadable document'}`, {
    cause: err,
  });
}

function feedText(format: FeedFormat, node: XmlNode | undefined, singleLine = true): string {
  if (node === undefined) return '';
  const value = format === 'atom' ? atomText(node) : { value: text(node), kind: 'html' as const };
  return plainText(value, singleLine);
}

function readFeed(format: FeedFormat, xml: ParsedXmlFeed, droppedItems: number): ParsedFeed {
  const raw = xml.raw;
  const atom = format === 'atom';
  const link = (atom ? atomLink(raw) : (childText(raw, 'link') ?? atomLink(raw))) ?? '';
  const base = attr(raw as XmlNode, 'xml:base') ?? (link || undefined);
  const updated = atom
    ? childText(raw, 'updated', 'modified')
    : childText(raw, 'lastBuildDate', 'pubDate', 'dc:date');
  return {
    format,
    title: feedText(format, child(raw, 'title', 'dc:title')),
    link,
    description: feedText(
      format,
      child(
        raw,
        ...(atom
          ? ['subtitle', 'tagline', 'info']
          : ['description', 'dc:description', 'itunes:subtitle', 'itunes:summary']),
      ),
      false,
    ),
    ...(updated === undefined ? {} : { updated }),
    items: xml.items.map((item) => readEntry(format, item.raw, base)),
    ...(droppedItems > 0 ? { droppedItems } : {}),
  };
}

/** Entries read from one document unless the caller says otherwise (fetch.maxItems). */
export const DEFAULT_MAX_ITEMS = 1000;

export interface ParseOptions {
  /** Entries after the first `maxItems` are dropped before parsing (`droppedItems` counts them). */
  readonly maxItems?: number;
}

/**
 * Parses an RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom 0.3/1.0 document. Bytes are decoded by BOM,
 * Content-Type charset, XML declaration, else UTF-8 (windows-1252 when not valid UTF-8).
 * Throws FeedError: `not-a-feed` (HTML page, JSON, empty) or `parse-error` (with the line).
 */
export async function parseFeed(
  body: Buffer | string,
  contentType?: string,
  options: ParseOptions = {},
): Promise<ParsedFeed> {
  const limited = limitItems(
    decodeFeed(body, contentType).text.trimStart(),
    options.maxItems ?? DEFAULT_MAX_ITEMS,
  );
  const xml = prepareXml(limited.text);
  const what = notAFeed(xml);
  if (what) throw new FeedError('not-a-feed', `not a feed: ${what}`);
  let parsed: ParsedXmlFeed;
  try {
    parsed = await parseXmlFeed(xml, formatOf(rootElementName(xml)) === 'atom');
  } catch (err) {
    throw parseFailure(err);
  }
  return readFeed(formatOf(rootElementName(xml)), parsed, limited.dropped);
}
