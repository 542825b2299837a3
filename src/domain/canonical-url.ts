/**
 * Article URLs in canonical form, with the one list of tracking parameters:
 *
 *   canonicalLink(link, base)  the link a FeedItem keeps: absolute, http(s), no fragment, no
 *                              tracking parameters (src/feed/normalise-item.ts);
 *   reportUrlKey(url)          the identity of a report for exact-duplicate detection when
 *                              clustering: also ignores "www."/"m."/"amp." hosts, AMP paths,
 *                              trailing slashes, the scheme and the order of parameters.
 */

/** Query parameters that only track where a click came from; they never change the page. */
const TRACKING_PARAMS = new Set([
  'ref',
  'taid',
  'guccounter',
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'ref_src',
  'ref_url',
  'cmpid',
  'ocid',
  'icid',
  'smid',
  'smtyp',
  'xtor',
  'spm',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'wt.mc_id',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
]);

const TRACKING_PREFIXES = ['utm_', 'ns_', 'pk_', 'mtm_', 'hsa_', 'itm_', 'mc_'];

function isTracking(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * The canonical form of an article link: resolved against `base` when relative, http(s) only,
 * lowercase scheme and host (the URL parser does both), no fragment, no tracking parameters.
 * Returns '' when there is no usable link.
 */
export function canonicalLink(link: string | undefined, base?: string): string {
  const raw = link?.trim();
  if (!raw) return '';
  let url: URL;
  try {
    url = base ? new URL(raw, safeBase(base)) : new URL(raw);
  } catch {
    return '';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  // A fragment comes from the link alone, never from the base (each setter re-serialises).
  if (raw.includes('#')) url.hash = '';
  if (url.search) url.search = withoutTracking(url.search);
  return url.href;
}

/** The last base read and its parsed form: the items of one feed share their base. */
let lastBase: { readonly base: string; readonly href: string | undefined } | undefined;

function safeBase(base: string): string | undefined {
  if (lastBase?.base !== base) lastBase = { base, href: parsedHref(base) };
  return lastBase.href;
}

function parsedHref(base: string): string | undefined {
  try {
    return new URL(base).href;
  } catch {
    return undefined;
  }
}

/** Drops tracking pairs from a query string, leaving the others exactly as written. */
function withoutTracking(search: string): string {
  const kept = search
    .slice(1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false;
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replaceAll('+', ' '));
      } catch {
        // keep the raw name
      }
      return !isTracking(decoded);
    });
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

/**
 * The key two reports share when they are the same article: host without "www."/"m."/"amp.",
 * path without AMP markers or trailing slashes, and the non-tracking parameters sorted; no
 * scheme. A string that is no URL is only lowercased.
 */
export function reportUrlKey(url: string): string {
  const raw = url.trim();
  if (raw.length === 0) return '';
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw.toLowerCase();
  }
  const host = u.hostname.toLowerCase().replace(/^(www\d?|m|amp)\./, '');
  const path = u.pathname
    .replace(/\/amp(\/|$)/, '/')
    .replace(/\.amp(\.html?)?$/, '$1')
    .replace(/\/+$/, '');
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !isTracking(k))
    .sort(([a], [b]) => a.localeCompare(b));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${path}${query}`;
}
