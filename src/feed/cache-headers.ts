import type { IncomingHttpHeaders } from 'node:http';

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * How long the server says the response stays fresh: Cache-Control max-age (s-maxage ignored),
 * else Expires minus the server's Date. 0 for no-cache/no-store; undefined when it says nothing.
 */
export function maxAgeMs(headers: IncomingHttpHeaders, now: Date = new Date()): number | undefined {
  const cacheControl = header(headers, 'cache-control')?.toLowerCase() ?? '';
  const maxAge = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/.exec(cacheControl);
  if (maxAge) return Number(maxAge[1]) * 1000;
  if (/(?:^|[,\s])(?:no-cache|no-store)\b/.test(cacheControl)) return 0;
  const expires = header(headers, 'expires');
  if (expires === undefined) return undefined;
  const expiresAt = Date.parse(expires);
  if (Number.isNaN(expiresAt)) return 0; // an invalid Expires means "already expired"
  const serverNow = Date.parse(header(headers, 'date') ?? '');
  const base = Number.isNaN(serverNow) ? now.getTime() : serverNow;
  return Math.max(0, expiresAt - base);
}

/** Retry-After as milliseconds from now: delta seconds or an HTTP date; undefined when absent. */
export function retryAfterMs(
  headers: IncomingHttpHeaders,
  now: Date = new Date(),
): number | undefined {
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
