import type { Dispatcher } from 'undici';
import { maxAgeMs, retryAfterMs } from './cache-headers.js';
import { FeedError } from './feed-error.js';
import { httpGet, type HttpResponse } from './http-get.js';
import { readBody } from './read-body.js';

export interface ConditionalState {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  userAgent: string;
  connectTimeoutMs: number;
  /** Total time for the whole fetch, redirects and body included. */
  timeoutMs: number;
  /** Cap on the body, on the wire and after decompression. */
  maxBytes: number;
  maxRedirects: number;
  /** optional SSRF guard: called with every resolved IP (first request and every redirect); false → refuse */
  allowAddress?: (ip: string, host: string) => boolean;
  signal?: AbortSignal;
  /**
   * The connection pool (createFeedAgent in http-get.ts). It must apply the same
   * `allowAddress` guard; without one each fetch opens its own connections.
   */
  dispatcher?: Dispatcher;
  /** Accept header (default: feed types). */
  accept?: string;
  /** When set, a 2xx response whose Content-Type fails it is refused before its body is read. */
  contentType?: RegExp;
}

export type FetchOutcome =
  | {
      kind: 'fetched';
      status: number;
      body: Buffer;
      contentType?: string;
      etag?: string;
      lastModified?: string;
      /** The `Link:` header (WebSub hub discovery). */
      link?: string;
      maxAgeMs?: number;
      finalUrl: string;
      bytes: number;
    }
  | { kind: 'not-modified'; status: 304; maxAgeMs?: number; finalUrl: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch (err) {
    throw new FeedError('bad-url', `not a valid URL: ${raw}`, { cause: err });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FeedError('bad-url', `not an http(s) URL: ${url.href}`);
  }
  url.hash = '';
  return url;
}

function statusError(res: HttpResponse): FeedError {
  const retryAfter = retryAfterMs(res.headers);
  return new FeedError('http-status', `HTTP ${res.status} ${res.statusText}`, {
    status: res.status,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  });
}

function optionalHeader(name: string, value: string | undefined): Record<string, string> {
  return value ? { [name]: value } : {};
}

async function outcomeOf(
  res: HttpResponse,
  url: URL,
  options: FetchOptions,
): Promise<FetchOutcome> {
  const headers = res.headers;
  const maxAge = maxAgeMs(headers);
  const fresh = maxAge === undefined ? {} : { maxAgeMs: maxAge };
  if (res.status === 304) {
    res.discard();
    return { kind: 'not-modified', status: 304, ...fresh, finalUrl: url.href };
  }
  if (res.status < 200 || res.status >= 300) {
    res.discard();
    throw statusError(res);
  }
  if (options.contentType && !options.contentType.test(headers['content-type'] ?? '')) {
    res.discard();
    throw new FeedError('wrong-type', `not a web page: ${headers['content-type'] ?? 'no type'}`, {
      retryable: false,
    });
  }
  const { body } = await res.read((stream, h) => readBody(stream, h, options.maxBytes));
  return {
    kind: 'fetched',
    status: res.status,
    body,
    ...optionalHeader('contentType', headers['content-type']),
    ...optionalHeader('etag', headers.etag),
    ...optionalHeader('lastModified', headers['last-modified']),
    ...optionalHeader('link', [headers.link ?? []].flat().join(', ')),
    ...fresh,
    finalUrl: url.href,
    bytes: body.length,
  };
}

/**
 * Fetches a feed with a conditional GET (If-None-Match / If-Modified-Since from `state`),
 * following at most `maxRedirects` redirects (relative Location resolved, loops detected),
 * within a connect timeout and a total timeout, with the body capped at `maxBytes` (also after
 * decompression). Returns the body or "not modified"; throws FeedError for everything else.
 */
export async function fetchFeed(
  url: string,
  state: ConditionalState,
  options: FetchOptions,
): Promise<FetchOutcome> {
  let current = parseUrl(url);
  const seen = new Set<string>([current.href]);
  const deadline = Date.now() + options.timeoutMs;
  for (let redirects = 0; ; redirects += 1) {
    const res = await httpGet(current, state, options, deadline);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location) {
      try {
        return await outcomeOf(res, current, options);
      } catch (err) {
        res.discard();
        throw err;
      }
    }
    res.discard();
    if (redirects >= options.maxRedirects) {
      throw new FeedError('too-many-redirects', `more than ${options.maxRedirects} redirects`);
    }
    const next = parseUrl(location, current);
    if (seen.has(next.href)) {
      throw new FeedError('too-many-redirects', `redirect loop: ${current.href} → ${next.href}`);
    }
    seen.add(next.href);
    current = next;
  }
}
