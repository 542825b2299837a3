/**
 * The one adapter over rss-parser, used through its public API only: `parseString`, the
 * `customFields` option and the documented `xml2js` passthrough (xml2js's `validator` option).
 *
 * rss-parser recognises the format (RSS 0.9x/2.0, RDF, Atom) and finds the channel and its
 * entries. Its own field readers are kept away from the entries: they throw on a single odd
 * entry (an Atom date `Date` cannot read, an Atom <link> without attributes) and so lose the
 * whole feed, and sitrep reads every field from the xml2js node anyway (read-entry.ts). So the
 * xml2js validator hands rss-parser each channel and entry wrapped under one key that only a
 * custom field reads, and the adapter unwraps them: what rss-parser returns for an entry is its
 * untouched xml2js node.
 */
import Parser from 'rss-parser';
import { attr, text, type XmlNode } from './xml-node.js';

/** The feed as xml2js read it: the channel element and each entry element. */
export interface ParsedXmlFeed {
  /** The <feed> (Atom) or <channel> (RSS, RDF) element, without its entries. */
  raw: unknown;
  items: Array<{ raw: unknown }>;
}

/** The key under which the adapter hides an element from rss-parser's field readers. */
const NODE = 'sitrep:node';

/** Elements rss-parser reads entries from, and the child name of their entries. */
const CHANNELS: Readonly<Record<string, string | undefined>> = {
  '/feed': 'entry',
  '/rss/channel': 'item',
  '/rdf:RDF/channel': undefined, // RSS 1.0 entries are siblings of the channel
};
const ENTRIES = new Set(['/feed/entry', '/rss/channel/item', '/rdf:RDF/item']);
/**
 * The last step of every path above. Most elements are none of these, and telling so from the
 * end of the path is cheaper than hashing the path, built afresh for every element.
 */
const LAST_STEPS = [
  ...new Set([...Object.keys(CHANNELS), ...ENTRIES].map((p) => p.slice(p.lastIndexOf('/')))),
];

/**
 * Hides an element under NODE. Doubly wrapped: a custom field takes the first array element,
 * and rss-parser replaces a value that has a `_` (text) by that text; an array has none.
 */
const hide = (value: unknown): Held => ({ [NODE]: [[value]] });

/** xml2js `validator`: called for every closed element with its path; returns what to keep. */
function wrap(xpath: string, _previous: unknown, value: unknown): unknown {
  if (!LAST_STEPS.some((step) => xpath.endsWith(step))) return value;
  if (ENTRIES.has(xpath)) return hide(value);
  if (!(xpath in CHANNELS)) return value;
  const entries = CHANNELS[xpath];
  if (typeof value !== 'object' || value === null || entries === undefined) return hide(value);
  const { [entries]: list, ...rest } = value as Record<string, unknown>;
  return { ...(list === undefined ? {} : { [entries]: list }), ...hide(rest) };
}

type Held = Record<typeof NODE, unknown>;

/** A new parser per document: an xml2js parser holds the state of the document it reads. */
function createParser(): Parser<Held, Held> {
  return new Parser<Held, Held>({
    defaultRSS: 2,
    xml2js: { validator: wrap },
    customFields: { feed: [NODE], item: [NODE] },
  });
}

function unwrap(fields: unknown): unknown {
  const held = (fields as Record<string, unknown> | undefined)?.[NODE];
  return Array.isArray(held) ? held[0] : undefined;
}

/** Atom links without attributes (Atom 0.3 feeds in the wild): the text is the href. */
function withSafeLinks(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  const links = record['link'];
  if (!Array.isArray(links)) return node;
  const fixed = links.map((l: XmlNode) =>
    attr(l, 'href') !== undefined ? l : { $: { ...attrsOf(l), href: text(l).trim() } },
  );
  return { ...record, link: fixed };
}

function attrsOf(node: XmlNode): Record<string, unknown> {
  const attrs = typeof node === 'object' ? node['$'] : undefined;
  return typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {};
}

/** Parses a prepared XML document. Rejects with xml2js/sax or rss-parser errors. */
export async function parseXmlFeed(xml: string, atom: boolean): Promise<ParsedXmlFeed> {
  const output = (await createParser().parseString(xml)) as unknown as Record<string, unknown>;
  const items = Array.isArray(output['items']) ? (output['items'] as unknown[]) : [];
  const fix = atom ? withSafeLinks : (node: unknown) => node;
  return {
    raw: fix(unwrap(output)),
    items: items.map((fields) => ({ raw: fix(unwrap(fields)) })),
  };
}
