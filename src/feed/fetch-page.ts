/**
 * Fetches an article page or a robots.txt file with the feed fetcher's guards: the SSRF address
 * policy on the first request and every redirect, connect and total timeouts, a size cap on the
 * wire and after decompression, a redirect limit, and (for pages) only HTML or XHTML.
 */
import { fetchFeed, type ConditionalState, type FetchOptions } from './fetch-feed.js';

export const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;

export type PageOutcome =
  | {
      kind: 'page';
      html: string;
      finalUrl: string;
      etag?: string;
      lastModified?: string;
    }
  | { kind: 'not-modified' };

/** The charset a Content-Type or a `<meta charset>` names, else UTF-8. */
function charsetOf(contentType: string | undefined, head: string): string {
  const fromHeader = /charset="?([\w-]+)/i.exec(contentType ?? '')?.[1];
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1];
  const name = (fromHeader ?? fromMeta ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return 'utf-8';
  }
}

export function decodeHtml(body: Buffer, contentType: string | undefined): string {
  const head = body.subarray(0, 2048).toString('latin1');
  return new TextDecoder(charsetOf(contentType, head)).decode(body);
}

/** One article page (conditional GET when `state` carries validators). */
export async function fetchPage(
  url: string,
  state: ConditionalState,
  options: FetchOptions,
): Promise<PageOutcome> {
  const out = await fetchFeed(url, state, {
    ...options,
    accept: PAGE_ACCEPT,
    contentType: HTML_TYPE,
  });
  if (out.kind === 'not-modified') return { kind: 'not-modified' };
  return {
    kind: 'page',
    html: decodeHtml(out.body, out.contentType),
    finalUrl: out.finalUrl,
    ...(out.etag ? { etag: out.etag } : {}),
    ...(out.lastModified ? { lastModified: out.lastModified } : {}),
  };
}

/** A site's robots.txt text; null when it has none (4xx). Other failures throw. */
export async function fetchRobots(origin: string, options: FetchOptions): Promise<string | null> {
  try {
    const out = await fetchFeed(
      new URL('/robots.txt', origin).href,
      {},
      {
        ...options,
        accept: 'text/plain, */*;q=0.1',
      },
    );
    return out.kind === 'fetched' ? out.body.toString('utf8') : null;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status !== undefined && status >= 400 && status < 500) return null;
    throw err;
  }
}
