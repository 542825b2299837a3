import type { Registry } from 'prom-client';
import type { WebSubConfig } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import type { WebSubLeaseStore } from '../../store/websub-lease-store.js';
import type { FetchOptions } from '../fetch-feed.js';
import { discoverFeedHub } from './discover-feed-hub.js';
import { sendHubRequest } from './hub-request.js';
import { WebSubCallback, type WebSubNotification } from './websub-callback.js';
import { createWebSubMetrics } from './websub-metrics.js';
import { WebSubSubscriber, type WatchedFeed } from './websub-subscriber.js';

export interface WebSubDeps {
  readonly config: WebSubConfig & { readonly callbackUrl: string };
  readonly leases: WebSubLeaseStore;
  readonly registry: Registry;
  readonly log: Logger;
  /** The feeds watched now (config and runtime-added, enabled ones). */
  readonly feeds: () => Promise<readonly WatchedFeed[]>;
  /** How a feed is fetched (limits, user agent, the SSRF guard for runtime-added feeds). */
  readonly fetchOptions: (origin: WatchedFeed['origin']) => FetchOptions;
  /** The narrow way into the pipeline: verified content of a subscribed feed. */
  readonly onNotification: (n: WebSubNotification) => Promise<void>;
  /**
   * Push for a feed stopped (the hub denied it, or the feed no longer advertises one): poll it
   * now rather than after the safety interval its schedule was stretched to.
   */
  readonly pollNow: (feedId: string) => Promise<void>;
  /** The clock (tests); renewals and retries are due by it. */
  readonly now?: () => Date;
}

export interface WebSub {
  readonly callback: WebSubCallback;
  readonly subscriber: WebSubSubscriber;
  /** Starts the timer (call once the callback is served: hubs verify at once). */
  start(): void;
  /** Subscribes new feeds, unsubscribes removed ones and renews due leases now. */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Builds WebSub; `start` runs a pass every `checkInterval` that subscribes feeds advertising a hub, renews
 * leases and unsubscribes removed feeds. The callback is served by the HTTP server.
 */
export function createWebSub(deps: WebSubDeps): WebSub {
  const metrics = createWebSubMetrics(deps.registry);
  const log = deps.log;
  const subscriber = new WebSubSubscriber({
    config: deps.config,
    leases: deps.leases,
    discover: (feed) => discoverFeedHub(feed.url, deps.fetchOptions(feed.origin)),
    hubRequest: (hub, params, feed) => {
      const fetch = deps.fetchOptions(feed.origin);
      return sendHubRequest(hub, params, {
        userAgent: fetch.userAgent,
        timeoutMs: fetch.timeoutMs,
        ...(fetch.allowAddress ? { allowAddress: fetch.allowAddress } : {}),
      });
    },
    pollNow: deps.pollNow,
    metrics,
    log,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const callback = new WebSubCallback({
    config: deps.config,
    leases: deps.leases,
    onNotification: deps.onNotification,
    pollNow: deps.pollNow,
    metrics,
    log,
    ...(deps.now ? { now: deps.now } : {}),
  });
  let running: Promise<void> | null = null;
  const refresh = (): Promise<void> => {
    // One pass at a time per worker; a call during a pass waits for it.
    running ??= (async () => {
      const feeds = await deps.feeds();
      await subscriber.sync(feeds);
      await subscriber.tick(feeds);
    })().finally(() => (running = null));
    return running;
  };
  const pass = () =>
    void refresh().catch((err: unknown) => log.warn({ err }, 'WebSub: check failed'));
  let timer: NodeJS.Timeout | undefined;
  return {
    callback,
    subscriber,
    refresh,
    start() {
      timer ??= setInterval(pass, deps.config.checkInterval);
      timer.unref();
      pass();
      log.info(
        { callbackUrl: deps.config.callbackUrl },
        'WebSub on: feeds that advertise a hub get pushed updates',
      );
    },
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
