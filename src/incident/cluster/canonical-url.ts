/**
 * Canonical form of a report URL for exact-duplicate detection: scheme, "www.", "amp" paths,
 * fragments, tracking parameters and trailing slashes do not make a different report.
 */
const TRACKING =
  /^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$|cmpid$|ocid$|smid$|taid$|guccounter$|output$)/i;

export function canonicalUrl(url: string): string {
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
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => a.localeCompare(b));
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${path}${query}`;
}
