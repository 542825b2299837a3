import type { Config, FeedConfig } from '../config/schema.js';
import { createAddressPolicy } from './address-policy.js';
import type { FetchOptions } from './fetch-feed.js';

/** Fetch options for a feed; runtime-added feeds get the SSRF guard. */
export function fetchOptionsFor(
  config: Readonly<Config>,
  origin: FeedConfig['origin'],
): FetchOptions {
  const f = config.fetch;
  return {
    userAgent: f.userAgent,
    connectTimeoutMs: f.connectTimeout,
    timeoutMs: f.timeout,
    maxBytes: f.maxBytes,
    maxRedirects: f.maxRedirects,
    ...(origin === 'runtime'
      ? { allowAddress: createAddressPolicy(config.feedAdmin.allowAddresses) }
      : {}),
  };
}
