import dns from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import { FeedError } from './feed-error.js';
import type { ConditionalState, FetchOptions } from './fetch-feed.js';

export const ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

/** A response whose body is still to be read within the fetch's time limit. */
export interface HttpResponse {
  status: number;
  message: IncomingMessage;
  /** Runs `reader` on the body; rejects at once when the total timeout or an abort hits. */
  read<T>(reader: (message: IncomingMessage) => Promise<T>): Promise<T>;
  /** Clears the timers once `work` settles. */
  finish<T>(work: Promise<T>): Promise<T>;
  /** Drops the request and its timers (after a redirect). */
  close(): void;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

const TLS_CODES = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_)/;

/** Turns a node:http error into a one-line FeedError. */
export function requestError(err: unknown, host: string): FeedError {
  if (err instanceof FeedError) return err;
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  if (e.name === 'AbortError') return new FeedError('network', 'request aborted', { cause: err });
  if (/^(?:ENOTFOUND|EAI_)/.test(code)) {
    return new FeedError('dns', `DNS lookup failed for ${host} (${code})`, { cause: err });
  }
  if (code === 'ECONNREFUSED')
    return new FeedError('network', `connection refused by ${host}`, { cause: err });
  if (code === 'ECONNRESET')
    return new FeedError('network', 'connection reset by the server', { cause: err });
  if (code === 'ETIMEDOUT')
    return new FeedError('connect-timeout', `could not connect to ${host}`, { cause: err });
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

function requestHeaders(state: ConditionalState, options: FetchOptions): Record<string, string> {
  return {
    'User-Agent': options.userAgent,
    Accept: options.accept ?? ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
    ...(state.etag ? { 'If-None-Match': state.etag } : {}),
    ...(state.lastModified ? { 'If-Modified-Since': state.lastModified } : {}),
  };
}

function checkLiteralAddress(url: URL, options: FetchOptions): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (options.allowAddress && net.isIP(host) && !options.allowAddress(host, host)) {
    throw new FeedError('blocked-address', `address ${host} is not allowed`);
  }
}

/**
 * One GET request. The connect timeout runs until the socket connects; the total timeout runs
 * until `deadline` and also covers reading the body (a slow-drip server hits it).
 */
export function httpGet(
  url: URL,
  state: ConditionalState,
  options: FetchOptions,
  deadline: number,
): Promise<HttpResponse> {
  checkLiteralAddress(url, options);
  return new Promise((resolve, reject) => {
    let failBody: (err: FeedError) => void = () => undefined;
    const failure = new Promise<never>((_, rej) => (failBody = rej));
    failure.catch(() => undefined);
    let response: IncomingMessage | undefined;
    const client = url.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'GET',
      agent: false,
      headers: requestHeaders(state, options),
      ...(options.allowAddress ? { lookup: guardedLookup(options.allowAddress) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const abort = (err: FeedError): void => {
      req.destroy(err);
      response?.destroy(err);
    };
    const total = setTimeout(
      () => abort(new FeedError('timeout', `timed out after ${seconds(options.timeoutMs)}`)),
      Math.max(0, deadline - Date.now()),
    );
    const connect = setTimeout(
      () =>
        abort(
          new FeedError(
            'connect-timeout',
            `connection timed out after ${seconds(options.connectTimeoutMs)}`,
          ),
        ),
      options.connectTimeoutMs,
    );
    const cleanup = (): void => {
      clearTimeout(total);
      clearTimeout(connect);
    };
    req.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      socket.once('connect', () => clearTimeout(connect));
    });
    req.on('error', (err) => {
      const error = requestError(err, url.hostname);
      if (response) return failBody(error);
      cleanup();
      reject(error);
    });
    req.on('response', (message) => {
      response = message;
      message.on('error', (err) => failBody(requestError(err, url.hostname)));
      resolve({
        status: message.statusCode ?? 0,
        message,
        read: (reader) => Promise.race([reader(message), failure]),
        finish: (work) => work.finally(cleanup),
        close: () => {
          cleanup();
          req.destroy();
        },
      });
    });
    req.end();
  });
}
