/**
 * Readers for the xml2js tree that rss-parser builds (default options: every child is an array,
 * attributes under `$`, text under `_` when the element also has attributes or children).
 */
export type XmlNode = string | { [key: string]: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child elements called `name` (any of the names, in order of preference). */
export function children(node: unknown, ...names: string[]): XmlNode[] {
  if (!isRecord(node)) return [];
  for (const name of names) {
    const value = node[name];
    if (Array.isArray(value) && value.length > 0) {
      return value.filter((v): v is XmlNode => typeof v === 'string' || isRecord(v));
    }
  }
  return [];
}

/** The first child element called one of `names`. */
export function child(node: unknown, ...names: string[]): XmlNode | undefined {
  return children(node, ...names)[0];
}

/** An attribute of an element, or undefined. */
export function attr(node: XmlNode | undefined, name: string): string | undefined {
  if (!isRecord(node)) return undefined;
  const attrs = node['$'];
  if (!isRecord(attrs)) return undefined;
  const value = attrs[name];
  return typeof value === 'string' ? value : undefined;
}

/** Deeper nesting than this inside a text element is hostile: its text is ignored. */
const MAX_DEPTH = 64;

/**
 * The text of an element. Mixed content the pre-processor did not wrap in CDATA loses its order
 * in xml2js, so nested elements are read depth-first after the element's own text.
 */
export function text(node: XmlNode | undefined, depth = 0): string {
  if (node === undefined || depth > MAX_DEPTH) return '';
  if (typeof node === 'string') return node;
  const own = typeof node['_'] === 'string' ? node['_'] : '';
  const nested = Object.entries(node)
    .filter(([key]) => key !== '$' && key !== '_')
    .flatMap(([, value]) => (Array.isArray(value) ? value : []))
    .filter((v): v is XmlNode => typeof v === 'string' || isRecord(v))
    .map((v) => text(v, depth + 1))
    .filter((t) => t.trim().length > 0);
  return [own, ...nested].filter((t) => t.length > 0).join(' ');
}

/** The trimmed text of the first child called one of `names`, or undefined when empty. */
export function childText(node: unknown, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(child(node, name)).trim();
    if (value) return value;
  }
  return undefined;
}
