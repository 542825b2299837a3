import { Parser } from 'htmlparser2';

/** Where to subscribe: the hub and the topic URL to ask it for. */
export interface HubDiscovery {
  readonly hub: string;
  /** The feed's rel="self" URL (WebSub §4), else the URL it was fetched from. */
  readonly topic: string;
  /** Every hub advertised, in order; sitrep subscribes at the first. */
  readonly hubs: readonly string[];
  readonly from: 'link-header' | 'document';
}

interface Links {
  hubs: string[];
  self?: string;
}

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function add(links: Links, rels: string, href: string, base: string): void {
  const url = resolve(href, base);
  if (!url) return;
  const tokens = rels.toLowerCase().split(/\s+/);
  if (tokens.includes('hub') && !links.hubs.includes(url)) links.hubs.push(url);
  if (tokens.includes('self') && links.self === undefined) links.self = url;
}

/** Splits a Link header into its link-values: commas inside <…> or "…" do not split. */
function linkValues(header: string): string[] {
  const out: string[] = [];
  let current = '';
  let inUrl = false;
  let inQuote = false;
  for (const ch of header) {
    if (ch === '<' && !inQuote) inUrl = true;
    else if (ch === '>' && !inQuote) inUrl = false;
    else if (ch === '"' && !inUrl) inQuote = !inQuote;
    if (ch === ',' && !inUrl && !inQuote) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** rel="hub" and rel="self" targets of an HTTP `Link:` header (RFC 8288), resolved on `base`. */
export function linkHeaderLinks(header: string | undefined, base: string): Links {
  const links: Links = { hubs: [] };
  if (!header) return links;
  for (const value of linkValues(header)) {
    const target = /^\s*<([^>]*)>(.*)$/s.exec(value);
    if (!target) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(target[2] ?? '');
    const rels = rel?.[1] ?? rel?.[2];
    if (rels) add(links, rels, target[1] ?? '', base);
  }
  return links;
}

const FEED_ELEMENTS = new Set(['feed', 'channel']);

/**
 * rel="hub" and rel="self" `<link>` / `<atom:link>` elements of an Atom `<feed>` or an RSS
 * `<channel>` (entries' own links are not the feed's).
 */
export function documentLinks(doc: string, base: string): Links {
  const links: Links = { hubs: [] };
  const open: string[] = [];
  const local = (name: string) => name.slice(name.indexOf(':') + 1).toLowerCase();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const parent = open[open.length - 1];
        open.push(local(name));
        if (local(name) !== 'link' || !parent || !FEED_ELEMENTS.has(parent)) return;
        if (attrs['rel'] && attrs['href']) add(links, attrs['rel'], attrs['href'], base);
      },
      onclosetag() {
        open.pop();
      },
    },
    { xmlMode: true },
  );
  parser.end(doc);
  return links;
}

/**
 * Finds a feed's hub (WebSub §4): the HTTP `Link:` header first, the feed document's links when
 * the header names no hub. Null when the feed advertises none.
 */
export function discoverHub(input: {
  /** The URL the document was finally fetched from (relative links resolve against it). */
  readonly url: string;
  readonly body: string;
  readonly linkHeader?: string | undefined;
}): HubDiscovery | null {
  const header = linkHeaderLinks(input.linkHeader, input.url);
  const doc = documentLinks(input.body, input.url);
  const fromHeader = header.hubs.length > 0;
  const hubs = fromHeader ? header.hubs : doc.hubs;
  const hub = hubs[0];
  if (!hub) return null;
  const topic = (fromHeader ? (header.self ?? doc.self) : (doc.self ?? header.self)) ?? input.url;
  return { hub, topic, hubs, from: fromHeader ? 'link-header' : 'document' };
}
