import dns from 'node:dns';
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import net, { type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { FeedError } from './feed-error.js';
import type { ConditionalState, FetchOptions } from './fetch-feed.js';

export const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** A response whose body is still to be read within the fetch's time limit. */
export interface HttpResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** Runs `reader` on the body; rejects at once when the total timeout or an abort hits. */
  read<T>(reader: (body: Readable, headers: IncomingHttpHeaders) => Promise<T>): Promise<T>;
  /** Discards the body and drops the timers (after a redirect, a 304 or an error status). */
  discard(): void;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

const TLS_CODES = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_)/;

/** Turns a socket or undici error into a one-line FeedError. */
export function requestError(err: unknown, host: string): FeedError {
  if (err instanceof FeedError) return err;
  const e = err as NodeJS.ErrnoException;
  const cause = (e.cause ?? undefined) as NodeJS.ErrnoException | undefined;
  if (cause instanceof FeedError) return cause;
  const code = e.code ?? cause?.code ?? '';
  if (e.name === 'AbortError' || code === 'UND_ERR_ABORTED')
    return new FeedError('network', 'request aborted', { cause: err });
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT')
    return new FeedError('connect-timeout', `could not connect to ${host}`, { cause: err });
  if (/^(?:ENOTFOUND|EAI_)/.test(code)) {
    return new FeedError('dns', `DNS lookup failed for ${host} (${code})`, { cause: err });
  }
  if (code === 'ECONNREFUSED')
    return new FeedError('network', `connection refused by ${host}`, { cause: err });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return new FeedError('network', 'connection reset by the server', { cause: err });
  if (TLS_CODES.test(code)) {
    return new FeedError('network', `TLS error: ${e.message}`, { cause: err, retryable: false });
  }
  return new FeedError('network', `network error: ${e.message || code || 'unknown'}`, {
    cause: err,
  });
}

/** dns.lookup that refuses hosts resolving to an address `allow` rejects (SSRF guard). */
function guardedLookup(allow: (ip: string, host: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const blocked = addresses.find((a) => !allow(a.address, hostname));
      if (blocked) {
        const refusal = new FeedError(
          'blocked-address',
          `address ${blocked.address} of ${hostname} is not allowed`,
        );
        return callback(refusal as NodeJS.ErrnoException, '', 0);
      }
      const first = addresses[0];
      if (options.all) return callback(null, addresses);
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}

export interface FeedAgentOptions {
  readonly connectTimeoutMs: number;
  /** The SSRF guard, checked on every resolved address of every connection. */
  readonly allowAddress?: (ip: string, host: string) => boolean;
  /** Connections per origin (requests beyond wait for one). Default: no limit. */
  readonly perOrigin?: number;
  /** How long an idle keep-alive connection is kept. */
  readonly keepAliveMs?: number;
}

/**
 * A keep-alive connection pool for feed and page fetches. Every connection it opens goes
 * through the address guard when one is given (redirect targets too: each is a new origin).
 */
export function createFeedAgent(options: FeedAgentOptions): Agent {
  return new Agent({
    connect: {
      timeout: options.connectTimeoutMs,
      ...(options.allowAddress ? { lookup: guardedLookup(options.allowAddress) } : {}),
    },
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    // The fetch's own deadline covers headers and body; undici's are only a backstop.
    headersTimeout: 0,
    bodyTimeout: 0,
    ...(options.perOrigin ? { connections: options.perOrigin } : {}),
  });
}

function requestHeaders(state: ConditionalState, options: FetchOptions): Record<string, string> {
  return {
    'user-agent': options.userAgent,
    accept: options.accept ?? ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    ...(state.etag ? { 'if-none-match': state.etag } : {}),
    ...(state.lastModified ? { 'if-modified-since': state.lastModified } : {}),
  };
}

function checkLiteralAddress(url: URL, options: FetchOptions): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (options.allowAddress && net.isIP(host) && !options.allowAddress(host, host)) {
    throw new FeedError('blocked-address', `address ${host} is not allowed`);
  }
}

/**
 * One GET request through `options.dispatcher` (a pool from createFeedAgent), or through a
 * one-off agent closed after the fetch. The connect timeout is the pool's; the total timeout
 * runs until `deadline` and also covers reading the body (a slow-drip server hits it).
 */
export async function httpGet(
  url: URL,
  state: ConditionalState,
  options: FetchOptions,
  deadline: number,
): Promise<HttpResponse> {
  checkLiteralAddress(url, options);
  const own = options.dispatcher
    ? undefined
    : createFeedAgent({
        connectTimeoutMs: options.connectTimeoutMs,
        ...(options.allowAddress ? { allowAddress: options.allowAddress } : {}),
      });
  const dispatcher: Dispatcher = options.dispatcher ?? (own as Agent);
  const controller = new AbortController();
  // The error is built when the time is up: a stack trace per request costs.
  const timer = setTimeout(
    () =>
      controller.abort(new FeedError('timeout', `timed out after ${seconds(options.timeoutMs)}`)),
    Math.max(0, deadline - Date.now()),
  );
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let done = false;
  const cleanup = (): void => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (own) void own.destroy().catch(() => undefined);
  };
  let res: Dispatcher.ResponseData;
  try {
    if (options.signal?.aborted) throw new FeedError('network', 'request aborted');
    res = await request(url, {
      method: 'GET',
      dispatcher,
      headers: requestHeaders(state, options),
      signal: controller.signal,
    });
  } catch (err) {
    cleanup();
    throw requestError(controller.signal.aborted ? controller.signal.reason : err, url.hostname);
  }
  const failure = new Promise<never>((_, reject) => {
    const fail = () => reject(requestError(controller.signal.reason, url.hostname));
    if (controller.signal.aborted) fail();
    controller.signal.addEventListener('abort', fail, { once: true });
  });
  failure.catch(() => undefined);
  const headers = res.headers as IncomingHttpHeaders;
  return {
    status: res.statusCode,
    statusText: STATUS_CODES[res.statusCode] ?? 'error',
    headers,
    read: (reader) =>
      Promise.race([reader(res.body, headers), failure]).then(
        (v) => (cleanup(), v),
        (err: unknown) => {
          res.body.destroy();
          cleanup();
          throw requestError(err, url.hostname);
        },
      ),
    discard: () => {
      // A small leftover body is read off so the connection stays in the pool.
      void res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      cleanup();
    },
  };
}
