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

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The first link's href whatever its rel: the last resort for an entry's link. */
function firstHref(node: unknown): string | undefined {
  const href = attr(child(node, 'link'), 'href')?.trim();
  return href || undefined;
}

function readAtomEntry(raw: unknown, base: string | undefined): RawEntry {
  const content = child(raw, 'content');
  const hasInlineContent = content !== undefined && attr(content, 'src') === undefined;
  return {
    ...optional('guid', childText(raw, 'id')),
    ...optional('link', atomLink(raw) ?? firstHref(raw)),
    ...optional('base', attr(raw as XmlNode, 'xml:base') ?? base),
    ...optional('title', nonEmpty(atomText(child(raw, 'title')))),
    ...optional(
      'summary',
      nonEmpty(atomText(child(raw, 'summary') ?? media(raw, 'media:description'))),
    ),
    ...optional('content', hasInlineContent ? nonEmpty(atomText(content)) : undefined),
    ...optional('published', childText(raw, 'published', 'issued', 'created', 'dc:date')),
    ...optional('updated', childText(raw, 'updated', 'modified', 'dcterms:modified')),
    ...optional('author', authorName(raw)),
    categories: categoryNames(raw),
  };
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
  return {
    ...optional(
      'guid',
      childText(raw, 'guid', 'id', 'dc:identifier') ?? attr(raw as XmlNode, 'rdf:about'),
    ),
    ...optional('link', rssLink(raw) ?? attr(raw as XmlNode, 'rdf:about')),
    ...optional('base', attr(raw as XmlNode, 'xml:base') ?? base),
    ...optional(
      'title',
      nonEmpty(rssText(child(raw, 'title', 'dc:title', 'atom:title') ?? media(raw, 'media:title'))),
    ),
    ...optional(
      'summary',
      nonEmpty(
        rssText(
          child(raw, 'summary', 'description', 'dc:description', 'itunes:summary') ??
            media(raw, 'media:description'),
        ),
      ),
    ),
    ...optional(
      'content',
      nonEmpty(rssText(child(raw, 'content:encoded', 'xhtml:body', 'body', 'fullitem', 'content'))),
    ),
    ...optional(
      'published',
      childText(
        raw,
        'pubDate',
        'dc:date',
        'dcterms:issued',
        'dcterms:created',
        'published',
        'issued',
      ),
    ),
    ...optional(
      'updated',
      childText(raw, 'dcterms:modified', 'atom:updated', 'updated', 'modified'),
    ),
    ...optional('author', authorName(raw)),
    categories: categoryNames(raw),
  };
}

/** Reads one entry from its xml2js node. */
export function readEntry(format: FeedFormat, raw: unknown, base: string | undefined): RawEntry {
  return format === 'atom' ? readAtomEntry(raw, base) : readRssEntry(raw, base);
}
