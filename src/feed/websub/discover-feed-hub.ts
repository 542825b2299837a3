import { fetchFeed, type FetchOptions } from '../fetch-feed.js';
import { discoverHub, type HubDiscovery } from './discover-hub.js';

/**
 * Fetches a feed (unconditionally: the poller keeps its own validators) and looks for its hub
 * in the `Link:` header and the document. Throws FeedError when the feed cannot be read.
 */
export async function discoverFeedHub(
  url: string,
  options: FetchOptions,
): Promise<HubDiscovery | null> {
  const outcome = await fetchFeed(url, {}, options);
  if (outcome.kind !== 'fetched') return null;
  return discoverHub({
    url: outcome.finalUrl,
    body: outcome.body.toString('utf8'),
    linkHeader: outcome.link,
  });
}
