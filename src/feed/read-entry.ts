import { MARKUP_ATTR } from './prepare-xml.js';
import { attr, child, children, childText, text, type XmlNode } from './xml-node.js';
import type { FeedFormat, RawEntry, RawText } from './raw-entry.js';

const HTML_TYPES = new Set(['html', 'xhtml', 'text/html', 'application/xhtml+xml']);

/** An Atom text construct: its `type` (or Atom 0.3 `mode`) says whether it is HTML. */
export function atomText(node: XmlNode | undefined): RawText | undefined {
  if (node === undefined) return undefined;
  if (isBase64(node)) return base64Text(node);
  if (attr(node, MARKUP_ATTR) !== undefined) return { value: text(node), kind: 'html' };
  const value = text(node);
  const type = attr(node, 'type')?.trim().toLowerCase();
  const mode = attr(node, 'mode')?.trim().toLowerCase();
  const html =
    (type !== undefined && HTML_TYPES.has(type)) ||
    mode === 'xml' ||
    (mode === 'escaped' && type !== undefined && type !== 'text' && type !== 'text/plain');
  return { value, kind: html ? 'html' : 'text' };
}

/** Atom 0.3 mode="base64", or an Atom 1.0 type that is neither text nor XML. */
function isBase64(node: XmlNode): boolean {
  if (attr(node, 'mode')?.trim().toLowerCase() === 'base64') return true;
  const type = attr(node, 'type')?.trim().toLowerCase();
  if (!type || ['text', 'html', 'xhtml'].includes(type)) return false;
  return !type.startsWith('text/') && !/[+/]xml$/.test(type) && type.includes('/');
}

/** Atom 0.3 mode="base64": decoded; HTML when its type says so or it looks like markup. */
function base64Text(node: XmlNode): RawText {
  const value = Buffer.from(text(node).replace(/\s+/g, ''), 'base64').toString('utf8');
  const type = attr(node, 'type')?.trim().toLowerCase();
  const html = (type !== undefined && HTML_TYPES.has(type)) || /<[a-z!/]/i.test(value);
  return { value, kind: html ? 'html' : 'text' };
}

/** An RSS text element: RSS has no type attribute, and feeds put HTML everywhere. */
function rssText(node: XmlNode | undefined): RawText | undefined {
  return node === undefined ? undefined : { value: text(node), kind: 'html' };
}

function nonEmpty(value: RawText | undefined): RawText | undefined {
  return value && value.value.trim() ? value : undefined;
}

/** The link an Atom element points readers to: rel="alternate" (the default), HTML first. */
export function atomLink(node: unknown): string | undefined {
  const links = children(node, 'link', 'atom:link').map((l) => ({
    href: attr(l, 'href')?.trim(),
    rel: (attr(l, 'rel') ?? 'alternate').trim().toLowerCase(),
    type: attr(l, 'type')?.trim().toLowerCase(),
  }));
  const alternates = links.filter((l) => l.href && l.rel === 'alternate');
  const html = alternates.find((l) => !l.type || HTML_TYPES.has(l.type));
  return (html ?? alternates[0])?.href;
}

/** A Media RSS element of the entry, or of its <media:group>. */
function media(node: unknown, name: string): XmlNode | undefined {
  return child(node, name) ?? child(child(node, 'media:group'), name);
}

function categoryNames(node: unknown): string[] {
  const names = children(node, 'category')
    .map((c) => (attr(c, 'term') ?? attr(c, 'label') ?? text(c)).trim())
    .concat(children(node, 'dc:subject').map((c) => text(c).trim()));
  return [...new Set(names.filter((n) => n.length > 0))];
}

function authorName(node: unknown): string | undefined {
  const author = child(node, 'author');
  const name =
    childText(author, 'name') ?? (typeof author === 'string' ? author.trim() : undefined);
  return name || childText(node, 'dc:creator', 'itunes:author') || childText(author, 'email');
}

/** An entry being read: each field is set only when the entry has it. */
type Draft = { -readonly [K in keyof RawEntry]?: RawEntry[K] };

/** Every field of an entry, undefined when the entry has not got it. */
type Fields = { readonly [K in keyof Draft]-?: Draft[K] | undefined } & Pick<
  RawEntry,
  'categories'
>;

/**
 * The entry, its fields in RawEntry's order, the absent ones left out. Called for every entry
 * of every fetched document, so it sets the fields one by one instead of spreading one object
 * per field.
 */
function entry(fields: Fields): RawEntry {
  const out: Draft = {};
  if (fields.guid !== undefined) out.guid = fields.guid;
  if (fields.link !== undefined) out.link = fields.link;
  if (fields.base !== undefined) out.base = fields.base;
  if (fields.title !== undefined) out.title = fields.title;
  if (fields.summary !== undefined) out.summary = fields.summary;
  if (fields.content !== undefined) out.content = fields.content;
  if (fields.published !== undefined) out.published = fields.published;
  if (fields.updated !== undefined) out.updated = fields.updated;
  if (fields.author !== undefined) out.author = fields.author;
  return { ...out, categories: fields.categories };
}

/** The first link's href whatever its rel: the last resort for an entry's link. */
function firstHref(node: unknown): string | undefined {
  const href = attr(child(node, 'link'), 'href')?.trim();
  return href || undefined;
}

function readAtomEntry(raw: unknown, base: string | undefined): RawEntry {
  const content = child(raw, 'content');
  const hasInlineContent = content !== undefined && attr(content, 'src') === undefined;
  return entry({
    guid: childText(raw, 'id'),
    link: atomLink(raw) ?? firstHref(raw),
    base: attr(raw as XmlNode, 'xml:base') ?? base,
    title: nonEmpty(atomText(child(raw, 'title'))),
    summary: nonEmpty(atomText(child(raw, 'summary') ?? media(raw, 'media:description'))),
    content: hasInlineContent ? nonEmpty(atomText(content)) : undefined,
    published: childText(raw, 'published', 'issued', 'created', 'dc:date'),
    updated: childText(raw, 'updated', 'modified', 'dcterms:modified'),
    author: authorName(raw),
    categories: categoryNames(raw),
  });
}

function rssLink(raw: unknown): string | undefined {
  const link = childText(raw, 'link') ?? atomLink(raw);
  if (link) return link;
  const guid = child(raw, 'guid');
  const permalink = attr(guid, 'isPermaLink')?.toLowerCase() !== 'false';
  const value = text(guid).trim();
  return permalink && /^https?:\/\//i.test(value) ? value : undefined;
}

function readRssEntry(raw: unknown, base: string | undefined): RawEntry {
  return entry({
    guid: childText(raw, 'guid', 'id', 'dc:identifier') ?? attr(raw as XmlNode, 'rdf:about'),
    link: rssLink(raw) ?? attr(raw as XmlNode, 'rdf:about'),
    base: attr(raw as XmlNode, 'xml:base') ?? base,
    title: nonEmpty(
      rssText(child(raw, 'title', 'dc:title', 'atom:title') ?? media(raw, 'media:title')),
    ),
    summary: nonEmpty(
      rssText(
        child(raw, 'summary', 'description', 'dc:description', 'itunes:summary') ??
          media(raw, 'media:description'),
      ),
    ),
    content: nonEmpty(
      rssText(child(raw, 'content:encoded', 'xhtml:body', 'body', 'fullitem', 'content')),
    ),
    published: childText(
      raw,
      'pubDate',
      'dc:date',
      'dcterms:issued',
      'dcterms:created',
      'published',
      'issued',
    ),
    updated: childText(raw, 'dcterms:modified', 'atom:updated', 'updated', 'modified'),
    author: authorName(raw),
    categories: categoryNames(raw),
  });
}

/** Reads one entry from its xml2js node. */
export function readEntry(format: FeedFormat, raw: unknown, base: string | undefined): RawEntry {
  return format === 'atom' ? readAtomEntry(raw, base) : readRssEntry(raw, base);
}
