/**
 * Feed administration for the command core: health of every feed (`/sitrep feeds`), validation
 * of a new URL by fetching it once behind the SSRF guard, and the runtime feed registry
 * (`feeds add` / `feeds remove`). After a change it asks the pipeline to re-sync its pollers.
 */
import type { Config, FeedConfig } from '../../config/schema.js';
import { UserError } from '../../domain/errors.js';
import { FeedError } from '../feed-error.js';
import { fetchFeed } from '../fetch-feed.js';
import { parseFeed } from '../parse-feed.js';
import type {
  FeedHealth,
  FeedHealthPort,
  FeedRegistryPort,
  FeedValidation,
  FeedValidator,
} from '../../command/feed-ports.js';
import type { FeedStateStore } from '../../store/feed-state-store.js';
import type { RuntimeFeed, RuntimeFeedStore } from '../../store/runtime-feed-store.js';
import { fetchOptionsFor } from '../fetch-options.js';

export interface FeedAdminDeps {
  readonly config: Readonly<Config>;
  readonly runtime: RuntimeFeedStore;
  readonly state: FeedStateStore;
  /** Called after a feed was added or removed (the pipeline re-syncs its schedulers). */
  readonly onChange: () => Promise<void>;
  readonly now?: () => Date;
}

/** A runtime feed as the pipeline polls it. */
export function runtimeFeedConfig(feed: RuntimeFeed): FeedConfig {
  return {
    id: feed.id,
    url: feed.url,
    name: feed.name,
    tags: ['runtime'],
    enabled: true,
    origin: 'runtime',
  };
}

export class FeedAdmin implements FeedHealthPort, FeedValidator, FeedRegistryPort {
  constructor(private readonly deps: FeedAdminDeps) {}

  private async allFeeds(): Promise<FeedConfig[]> {
    const runtime = (await this.deps.runtime.list()).map(runtimeFeedConfig);
    return [...this.deps.config.feeds, ...runtime];
  }

  async list(): Promise<FeedHealth[]> {
    const feeds = await this.allFeeds();
    return Promise.all(
      feeds.map(async (feed): Promise<FeedHealth> => {
        const h = await this.deps.state.health(feed.id);
        const status = !feed.enabled ? 'disabled' : h.status === 'pending' ? 'new' : h.status;
        return {
          id: feed.id,
          name: feed.name ?? feed.id,
          url: feed.url,
          status,
          ...(status === 'failing' && h.lastError ? { reason: h.lastError } : {}),
          ...(h.lastSuccessAt ? { lastSuccess: h.lastSuccessAt } : {}),
          ...(h.lastPollAt ? { lastPoll: h.lastPollAt } : {}),
          ...(h.lastError ? { lastError: h.lastError } : {}),
          ...(h.lastErrorAt ? { lastErrorAt: h.lastErrorAt } : {}),
          ...(h.lastNewItemAt ? { lastItem: h.lastNewItemAt } : {}),
          ...(h.nextPollAt && feed.enabled ? { nextPoll: h.nextPollAt } : {}),
          consecutiveFailures: h.consecutiveFailures,
        };
      }),
    );
  }

  async validate(url: string): Promise<FeedValidation> {
    const known = (await this.allFeeds()).find((f) => f.url === url);
    if (known) return { ok: false, reason: `that URL is already polled as feed ${known.id}` };
    try {
      const fetched = await fetchFeed(url, {}, fetchOptionsFor(this.deps.config, 'runtime'));
      if (fetched.kind !== 'fetched') return { ok: false, reason: 'the server sent no feed body' };
      const parsed = await parseFeed(fetched.body, fetched.contentType);
      const title = parsed.title?.trim() || new URL(fetched.finalUrl).hostname;
      return {
        ok: true,
        title: title.slice(0, 120),
        items: parsed.items.length,
        url: fetched.finalUrl,
      };
    } catch (err) {
      if (err instanceof FeedError) return { ok: false, reason: err.message };
      throw err;
    }
  }

  async add(feed: { url: string; name: string }, addedBy: string): Promise<{ id: string }> {
    const feeds = await this.allFeeds();
    const dup = feeds.find((f) => f.url === feed.url);
    if (dup) throw new UserError('bad_option', `That feed is already polled as ${dup.id}.`);
    const runtime = feeds.filter((f) => f.origin === 'runtime').length;
    if (runtime >= this.deps.config.feedAdmin.maxFeeds)
      throw new UserError(
        'limit',
        `There are already ${runtime} added feeds (the limit is ${this.deps.config.feedAdmin.maxFeeds}); remove one first.`,
      );
    const stored = await this.deps.runtime.add(feed, addedBy, this.deps.now?.() ?? new Date());
    await this.deps.onChange();
    return { id: stored.id };
  }

  async remove(id: string): Promise<boolean> {
    if (this.deps.config.feeds.some((f) => f.id === id))
      throw new UserError(
        'bad_option',
        `Feed ${id} comes from the configuration file; remove it there (or set enabled: false).`,
      );
    if (!(await this.deps.runtime.remove(id))) return false;
    await this.deps.state.forget(id);
    await this.deps.onChange();
    return true;
  }
}
