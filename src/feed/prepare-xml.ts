import { decodeHTML } from 'entities';

/**
 * Rewrites a decoded feed document so a strict XML parser reads it safely and fully:
 * - DOCTYPE declarations (and their ENTITY definitions) are dropped, so no entity expansion
 *   ("billion laughs") and no external entity can happen;
 * - HTML named entities (&nbsp;, &eacute;) become character references, unknown ones and bare
 *   ampersands become literal text;
 * - markup inside text elements (Atom type="xhtml", raw HTML in an RSS description) is wrapped
 *   in CDATA so it reaches us as one HTML string instead of a tree that loses its word order;
 * - a prefixed root (<atom:feed>, <rss:channel> under rdf:RDF) loses the prefix.
 * Line breaks are kept, so parse errors still point at the right line.
 */
export function prepareXml(doc: string): string {
  const withoutDoctype = doc.replace(DOCTYPE, (m) => m.replace(/[^\n]/g, ''));
  const escaped = mapOutsideCdata(withoutDoctype, fixEntities);
  return ensureChannel(fromCdf(unprefixFeedElements(wrapMarkup(escaped))));
}

const DOCTYPE = /<!DOCTYPE(?:[^[>"']|"[^"]*"|'[^']*')*(?:\[[\s\S]*?\]\s*)?>/gi;
const PROTECTED = /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)/g;
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const AMPERSAND = /&(?:(#\d{1,8}|#x[\da-f]{1,7})|([a-z][\w.-]{0,31}))?(;?)/gi;

/** Applies `fix` to the document outside CDATA sections, comments and processing instructions. */
function mapOutsideCdata(doc: string, fix: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of doc.matchAll(PROTECTED)) {
    out += fix(doc.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + fix(doc.slice(last));
}

function validCodePoint(ref: string): boolean {
  const cp =
    ref.startsWith('#x') || ref.startsWith('#X')
      ? parseInt(ref.slice(2), 16)
      : parseInt(ref.slice(1), 10);
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function fixEntities(part: string): string {
  return part.replace(
    AMPERSAND,
    (whole, numeric: string | undefined, name: string | undefined, semi: string) => {
      if (numeric) return semi && validCodePoint(numeric) ? whole : `&amp;${whole.slice(1)}`;
      if (!name || !semi) return `&amp;${whole.slice(1)}`;
      if (XML_ENTITIES.has(name)) return whole;
      const decoded = decodeHTML(whole);
      if (decoded === whole) return `&amp;${name};`;
      return [...decoded].map((c) => `&#${c.codePointAt(0) ?? 0};`).join('');
    },
  );
}

/** Elements that hold text (possibly HTML), by local name. */
const TEXT_ELEMENTS =
  'title|subtitle|tagline|summary|content|description|info|rights|copyright|encoded|body|fullitem';
/** Marks an element whose content was markup (XHTML, or HTML written as elements). */
export const MARKUP_ATTR = 'sitrep-markup';
const TEXT_ELEMENT = new RegExp(
  `<((?:[\\w.-]+:)?(?:${TEXT_ELEMENTS}))(\\s(?:[^>"']|"[^"]*"|'[^']*')*?)?(?<!/)>([\\s\\S]*?)</\\1\\s*>`,
  'g',
);
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

function escapeText(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function wrapMarkup(doc: string): string {
  return doc.replace(
    TEXT_ELEMENT,
    (whole, name: string, attrs: string | undefined, inner: string) => {
      const outsideCdata = inner.replace(CDATA, '');
      if (!/<[A-Za-z/!]/.test(outsideCdata)) return whole;
      const html = inner.replace(CDATA, (_m, t: string) => escapeText(t));
      return `<${name}${attrs ?? ''} ${MARKUP_ATTR}="1"><![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]></${name}>`;
    },
  );
}

const FEED_NAMESPACES = [
  'http://www.w3.org/2005/Atom',
  'http://purl.org/atom/ns#',
  'http://purl.org/rss/1.0/',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://backend.userland.com/rss2',
  'http://blogs.law.harvard.edu/tech/rss',
];

const RSS1_NAMESPACES = ['http://purl.org/rss/1.0/', 'http://my.netscape.com/rdf/simple/0.9/'];

/** The name of the root element: the first tag that is not a declaration, comment or PI. */
export function rootElementName(doc: string): string | undefined {
  const m = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>)*<([A-Za-z_][\w.:-]*)/.exec(doc);
  return m?.[1];
}

/**
 * Strips the prefix of a prefixed root in a feed namespace (<atom:feed>), and under rdf:RDF the
 * prefix bound to RSS 1.0 / 0.9 (<rss:item>); an RSS 2.0 feed keeps its atom:link elements.
 */
function unprefixFeedElements(doc: string): string {
  const root = rootElementName(doc) ?? '';
  const rootPrefix = root.includes(':') ? root.slice(0, root.indexOf(':')) : undefined;
  const isRdf = /(?:^|:)RDF$/.test(root);
  let out = doc;
  for (const m of doc.matchAll(/\bxmlns:([\w.-]+)\s*=\s*["']\s*([^"'\s]+)\s*["']/g)) {
    const [, prefix, uri] = m;
    if (!prefix || !uri || prefix === 'rdf') continue;
    const strip = isRdf
      ? RSS1_NAMESPACES.includes(uri)
      : prefix === rootPrefix && FEED_NAMESPACES.includes(uri);
    if (strip) out = out.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1');
  }
  return isRdf ? out.replace(/<(\/?)(?:[\w.-]+:)?RDF\b/g, '<$1rdf:RDF') : out;
}

/** Channel Definition Format (<CHANNEL HREF>, <ITEM>, <ABSTRACT>, LASTMOD) read as RSS 2.0. */
function fromCdf(doc: string): string {
  if (rootElementName(doc)?.toLowerCase() !== 'channel') return doc;
  const body = doc
    .replace(/<(\/?)(channel|item|title|abstract)\b/gi, (_m, slash: string, name: string) => {
      const lower = name.toLowerCase();
      return `<${slash}${lower === 'abstract' ? 'description' : lower}`;
    })
    .replace(
      /<(channel|item)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g,
      (_m, name: string, attrs: string, selfClose: string) => {
        const href = /\bhref\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1];
        const lastmod = /\blastmod\s*=\s*["']([^"']*)["']/i.exec(attrs)?.[1];
        const extra =
          (href ? `<link>${href}</link>` : '') +
          (lastmod ? `<dcterms:modified>${lastmod}</dcterms:modified>` : '');
        return `<${name}>${extra}${selfClose ? `</${name}>` : ''}`;
      },
    );
  return body
    .replace(/<channel>/, '<rss version="2.0"><channel>')
    .replace(/<\/channel>(?![\s\S]*<\/channel>)/, '</channel></rss>');
}

/** rss-parser needs a channel: an RSS or RDF document without one is an empty feed, or items. */
function ensureChannel(doc: string): string {
  const root = rootElementName(doc);
  if (root !== 'rss' && root !== 'rdf:RDF') return doc;
  if (/<channel\b/.test(doc)) return doc;
  const open = new RegExp(`<${root}\\b(?:[^>"']|"[^"]*"|'[^']*')*?>`);
  if (root === 'rdf:RDF') return doc.replace(open, (m) => `${m}<channel></channel>`);
  return doc
    .replace(open, (m) => `${m}<channel>`)
    .replace(/<\/rss\s*>(?![\s\S]*<\/rss)/, '</channel></rss>');
}
