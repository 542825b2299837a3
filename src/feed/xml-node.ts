/**
 * Readers for the xml2js tree that rss-parser builds (default options: every child is an array,
 * attributes under `$`, text under `_` when the element also has attributes or children).
 */
export type XmlNode = string | { [key: string]: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isElement(value: unknown): value is XmlNode {
  return typeof value === 'string' || isRecord(value);
}

/**
 * The values under the first of `names` the node has a non-empty list for (in order of
 * preference), not yet filtered to elements.
 */
function firstPresent(node: unknown, names: readonly string[]): unknown[] | undefined {
  if (!isRecord(node)) return undefined;
  for (const name of names) {
    const value = node[name];
    if (Array.isArray(value) && value.length > 0) return value;
  }
  return undefined;
}

/** The child elements called `name` (any of the names, in order of preference). */
export function children(node: unknown, ...names: string[]): XmlNode[] {
  return firstPresent(node, names)?.filter(isElement) ?? [];
}

/**
 * The first child element called one of `names` (the first of `children`). Read for every field
 * of every entry, so it finds the element without building the list.
 */
export function child(node: unknown, ...names: string[]): XmlNode | undefined {
  const list = firstPresent(node, names);
  if (list === undefined) return undefined;
  for (const value of list) if (isElement(value)) return value;
  return undefined;
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
  // The element's own text, then each nested element's that is not blank, space-separated.
  let out = typeof node['_'] === 'string' ? node['_'] : '';
  for (const key of Object.keys(node)) {
    if (key === '$' || key === '_') continue;
    const value = node[key];
    if (!Array.isArray(value)) continue;
    for (const nested of value) {
      const t = isElement(nested) ? text(nested, depth + 1) : '';
      if (t.trim().length > 0) out = out.length > 0 ? `${out} ${t}` : t;
    }
  }
  return out;
}

/** The trimmed text of the first child called one of `names`, or undefined when empty. */
export function childText(node: unknown, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(child(node, name)).trim();
    if (value) return value;
  }
  return undefined;
}
