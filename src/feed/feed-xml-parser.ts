import Parser from 'rss-parser';
import { attr, text, type XmlNode } from './xml-node.js';

/** rss-parser's reading of a feed, with the xml2js nodes it was read from. */
export interface ParsedXmlFeed {
  fields: Record<string, unknown>;
  /** The <feed> (Atom) or <channel> (RSS, RDF) element. */
  raw: unknown;
  items: Array<{ fields: Record<string, unknown>; raw: unknown }>;
}

/** The undocumented builder methods of rss-parser that we wrap. */
interface Builders {
  buildAtomFeed(xmlObj: Record<string, unknown>): Record<string, unknown>;
  buildRSS(channel: unknown, items: unknown): Record<string, unknown>;
  parseItemAtom(entry: unknown): Record<string, unknown>;
  parseItemRss(item: unknown, fields: unknown): Record<string, unknown>;
}

const RAW = 'sitrep:raw';

/** Atom links without attributes make rss-parser throw: give each one an href. */
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

function attempt(build: () => Record<string, unknown>): Record<string, unknown> {
  try {
    return build();
  } catch {
    return {}; // rss-parser choked on one field (e.g. an invalid date): we read the raw node
  }
}

/**
 * Builds an rss-parser whose builders never give up on a whole feed because of one odd entry,
 * and which keeps each entry's xml2js node so the fields rss-parser gets wrong can be re-read.
 */
function createParser(): Parser {
  const parser = new Parser({ defaultRSS: 2 });
  const own = parser as unknown as Builders;
  const base = Object.getPrototypeOf(parser) as Builders;
  own.parseItemAtom = (entry) => {
    const safe = withSafeLinks(entry);
    return { ...attempt(() => base.parseItemAtom.call(parser, safe)), [RAW]: safe };
  };
  own.parseItemRss = (item, fields) => ({
    ...attempt(() => base.parseItemRss.call(parser, item, fields)),
    [RAW]: item,
  });
  own.buildAtomFeed = (xmlObj) => {
    const feed = withSafeLinks(xmlObj['feed']);
    return { ...base.buildAtomFeed.call(parser, { ...xmlObj, feed }), [RAW]: feed };
  };
  own.buildRSS = (channel, items) => ({
    ...base.buildRSS.call(parser, channel, items),
    [RAW]: channel,
  });
  return parser;
}

/** Parses a prepared XML document with rss-parser. Rejects with xml2js/sax or rss-parser errors. */
export async function parseXmlFeed(xml: string): Promise<ParsedXmlFeed> {
  const output = (await createParser().parseString(xml)) as unknown as Record<string, unknown>;
  const items = Array.isArray(output['items'])
    ? (output['items'] as Record<string, unknown>[])
    : [];
  return {
    fields: output,
    raw: output[RAW],
    items: items.map((fields) => ({ fields, raw: fields[RAW] })),
  };
}
