/**
 * The composition root: config → logger → Redis → stores → matcher → queues/workers → HTTP.
 * The only place (with the CLI entry points) that builds and wires adapters.
 */
import { Redis } from 'ioredis';
import { AppError } from './domain/errors.js';
import type { CommandService, FrontEnd, FrontEndFactory } from './chat/front-end.js';
import { DEFAULT_COMMAND_LIMITS, type CommandDeps } from './command/command-deps.js';
import { runCommand, subcommandOf } from './command/run-command.js';
import { gazetteerWarnings } from './config/load-gazetteer.js';
import { loadMatcher } from './config/load-matcher.js';
import { loadVocabulary } from './config/load-vocabulary.js';
import type { Config } from './config/schema.js';
import { createWebSub, type WebSub } from './feed/websub/create-websub.js';
import { CALLBACK_PATH } from './feed/websub/websub-callback.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startHttpServer, type HttpRoute, type HttpServer } from './http/http-server.js';
import { createMapRenderer } from './map/map-renderer.js';
import type { Logger } from './log/logger.js';
import { FeedAdmin } from './feed/admin/feed-admin.js';
import { runtimeFeedConfig } from './feed/admin/feed-admin.js';
import { fetchOptionsFor } from './feed/fetch-options.js';
import { createMetrics, type PipelineMetrics } from './queue/metrics.js';
import { startPipeline, type Pipeline } from './queue/pipeline.js';
import { queueDepthGauge } from './queue/queue-depth.js';
import { RedisOutageLog } from './queue/redis-outage-log.js';
import { RedisDeliveryStore } from './store/redis/redis-delivery-store.js';
import { RedisDestinationPacer } from './store/redis/redis-destination-pacer.js';
import { RedisRobotsCache } from './store/redis/redis-robots-cache.js';
import { createRedisFeedStateStore } from './store/redis/redis-feed-state-store.js';
import { createRedisIncidentStore } from './store/redis/redis-incident-store.js';
import { RedisMuteStore } from './store/redis/redis-mute-store.js';
import { RedisRuntimeFeedStore } from './store/redis/redis-runtime-feed-store.js';
import { RedisSubscriptionStore } from './store/redis/redis-subscription-store.js';
import { RedisWebSubLeaseStore } from './store/redis/redis-websub-lease-store.js';

export interface App {
  readonly pipeline: Pipeline;
  readonly frontEnds: readonly FrontEnd[];
  readonly metrics: PipelineMetrics;
  /** The command core over the real stores (what the chat front ends call). */
  readonly commands: CommandService;
  readonly http: HttpServer | null;
  /** WebSub push, when `websub.callbackUrl` is set. */
  readonly websub: WebSub | null;
  /** The stores' connection (auto-pipelined; BullMQ has its own). */
  readonly redis: Redis;
  stop(): Promise<void>;
}

export interface AppOptions {
  /** The clock of alert planning and delivery records (tests set it). */
  readonly now?: () => Date;
}

export async function startApp(
  config: Readonly<Config>,
  log: Logger,
  /** Where alerts go: chat front ends (Slack, Discord) and/or the console. */
  frontEnds: readonly FrontEndFactory[],
  options: AppOptions = {},
): Promise<App> {
  const { matcher, gazetteer, topics } = loadMatcher(config.match);
  const vocabulary = loadVocabulary(config, gazetteer);
  for (const warning of gazetteerWarnings(gazetteer)) log.warn(warning);
  const connect = (enableAutoPipelining: boolean) =>
    new Redis(config.redis.url, {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 5000),
      enableAutoPipelining,
    });
  // The stores' connection: commands issued in one tick (many polls finishing at once) go out
  // as one write, which the steady-poll profile put at a fifth of the worker's time when each
  // went alone. BullMQ keeps a plain connection: Bull users saw jobs lose their data with
  // auto-pipelining (OptimalBits/bull#2276, taskforcesh/bullmq#457).
  const redis = connect(true);
  const queueRedis = connect(false);
  // One warning per Redis outage and one line when it is back, from these connections and
  // every BullMQ queue and worker alike (see redis-outage-log.ts).
  const outage = new RedisOutageLog(log.child({ component: 'redis' }));
  for (const [client, name] of [
    [redis, 'redis'],
    [queueRedis, 'redis-queues'],
  ] as const) {
    outage.watch(client, name);
    outage.watchReady(client, name);
  }
  const quitRedis = () => Promise.all([redis.quit(), queueRedis.quit()]).catch(() => undefined);
  const metrics = createMetrics();
  const prefix = config.redis.prefix;
  const incidents = createRedisIncidentStore(redis, {
    prefix,
    retentionMs: config.incidents.retention,
  });
  const stores = {
    subscriptions: new RedisSubscriptionStore(redis, prefix),
    mutes: new RedisMuteStore(redis, prefix),
    deliveries: new RedisDeliveryStore(redis, prefix),
  };
  const state = createRedisFeedStateStore(redis, prefix);
  const runtimeFeeds = new RedisRuntimeFeedStore(redis, prefix);
  let syncFeeds = async (): Promise<void> => undefined;
  const feedAdmin = new FeedAdmin({
    config,
    runtime: runtimeFeeds,
    state,
    onChange: () => syncFeeds(),
  });
  const commandLog = log.child({ component: 'command' });
  const maps = createMapRenderer({ gazetteer });
  const commandDeps: CommandDeps = {
    incidents,
    ...stores,
    feedHealth: feedAdmin,
    feedValidator: feedAdmin,
    feedRegistry: feedAdmin,
    topics: topics.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      example: t.example ?? '',
    })),
    gazetteer,
    maps,
    limits: DEFAULT_COMMAND_LIMITS,
    onInternalError: (err, req) => commandLog.error({ err, text: req.text }, 'command failed'),
  };
  const commands: CommandService = {
    async run(req) {
      const reply = await runCommand(req, commandDeps);
      metrics.commands.inc({
        platform: req.platform,
        // Labels stay bounded: unknown words count as "other".
        subcommand: subcommandOf(req.text) ?? 'other',
        outcome: reply.error?.code ?? 'ok',
      });
      return reply;
    },
    deps: commandDeps,
  };
  // The HTTP server and the chat front ends come up before any worker, and a failure of any
  // of them (a port in use) closes whatever had started: nothing is left running.
  let pipeline: Pipeline | undefined;
  const websubLeases = config.websub.callbackUrl ? new RedisWebSubLeaseStore(redis, prefix) : null;
  // The WebSub callback is served once the pipeline it feeds is running (404 before).
  let websubRoute: WebSub | null = null;
  const routes = websubLeases
    ? [
        {
          prefix: CALLBACK_PATH,
          handle: async (req: IncomingMessage, res: ServerResponse) => {
            if (websubRoute) await websubRoute.callback.handle(req, res);
            else res.writeHead(404).end();
          },
        },
      ]
    : [];
  let http: HttpServer | null = null;
  const started: FrontEnd[] = [];
  try {
    http = config.http.enabled
      ? await listen(config, redis, metrics, () => pipeline, routes)
      : null;
    for (const factory of frontEnds)
      started.push(await factory({ config, log: log.child({ component: 'chat' }), commands }));
    pipeline = await startPipeline({
      config,
      connection: queueRedis,
      storeConnection: redis,
      state,
      runtimeFeeds,
      incidents,
      matcher,
      gazetteer,
      vocabulary,
      chat: {
        platforms: started.map((f) => f.platform),
        standing: started.flatMap((f) => f.standing ?? []),
        pacer: new RedisDestinationPacer(
          redis,
          prefix,
          config.delivery.perDestinationInterval,
          (platform) => config.delivery.perPlatformInterval[platform],
        ),
        ...stores,
      },
      maps,
      metrics,
      outage,
      robotsCache: new RedisRobotsCache(redis, prefix),
      // While a feed's WebSub lease runs it is polled every safetyPollInterval only.
      ...(websubLeases
        ? {
            pollFloor: async (feedId: string) =>
              (await websubLeases.isActive(feedId)) ? config.websub.safetyPollInterval : 0,
          }
        : {}),
      log: log.child({ component: 'pipeline' }),
      ...(options.now ? { now: options.now } : {}),
    });
  } catch (err) {
    await pipeline?.close().catch(() => undefined);
    await Promise.all(started.map((f) => f.stop().catch(() => undefined)));
    await http?.close().catch(() => undefined);
    await quitRedis();
    throw portInUse(err) ?? err;
  }
  const running = pipeline;
  const websub = websubLeases
    ? buildWebSub(config, log, websubLeases, runtimeFeeds, running, metrics)
    : null;
  websubRoute = websub;
  syncFeeds = async () => {
    await running.syncFeeds();
    await websub?.refresh();
  };
  if (http)
    log.info({ port: http.port }, `health and metrics on http://${config.http.host}:${http.port}/`);
  // Hubs verify a subscription at once: subscribe only once the callback is served.
  websub?.start();
  return {
    pipeline: running,
    frontEnds: started,
    commands,
    metrics,
    http,
    websub,
    redis,
    async stop() {
      await websub?.stop();
      await http?.close();
      await running.close();
      await Promise.all(started.map((f) => f.stop().catch(() => undefined)));
      await quitRedis();
    },
  };
}

/**
 * WebSub push (docs/WEBSUB.md). The one place a verified push enters the pipeline: for now it
 * asks for an immediate poll of the feed through the poll queue (the pushed body itself is not
 * parsed; the poll re-fetches the feed with a conditional GET and runs the usual dedupe, topic
 * filter and article reading). Re-point `onNotification` here when the poll path changes.
 */
function buildWebSub(
  config: Readonly<Config>,
  log: Logger,
  leases: RedisWebSubLeaseStore,
  runtimeFeeds: RedisRuntimeFeedStore,
  pipeline: Pipeline,
  metrics: PipelineMetrics,
): WebSub {
  const callbackUrl = config.websub.callbackUrl ?? '';
  // A push, or push stopping for a feed: either way the feed is polled now.
  const pollNow = async (feedId: string) => {
    await pipeline.polling.markDue(feedId);
  };
  return createWebSub({
    config: { ...config.websub, callbackUrl },
    leases,
    registry: metrics.registry,
    log: log.child({ component: 'websub' }),
    feeds: async () => {
      const runtime = (await runtimeFeeds.list()).map(runtimeFeedConfig);
      const byId = new Map(
        [...config.feeds, ...runtime].filter((f) => f.enabled).map((f) => [f.id, f]),
      );
      return [...byId.values()].map((f) => ({ id: f.id, url: f.url, origin: f.origin }));
    },
    fetchOptions: (origin) => fetchOptionsFor(config, origin),
    onNotification: ({ feedId }) => pollNow(feedId),
    pollNow,
  });
}

/** The health and metrics server; queue depths are read from the pipeline once it runs. */
function listen(
  config: Readonly<Config>,
  redis: Redis,
  metrics: PipelineMetrics,
  pipeline: () => Pipeline | undefined,
  routes: readonly HttpRoute[],
): Promise<HttpServer> {
  let depths: (() => Promise<void>) | undefined;
  return startHttpServer(
    {
      registry: metrics.registry,
      redisOk: async () => (await redis.ping().catch(() => '')) === 'PONG',
      beforeScrape: async () => {
        const running = pipeline();
        if (!running) return;
        depths ??= queueDepthGauge(metrics.registry, running);
        await depths();
      },
      routes,
    },
    config.http.host,
    config.http.port,
  );
}

/** A listener that could not bind its port, as one line that says what to do. */
function portInUse(err: unknown): AppError | undefined {
  const e = err as { code?: unknown; port?: unknown; address?: unknown } | null;
  if (e?.code !== 'EADDRINUSE') return undefined;
  const where = typeof e.port === 'number' ? `${String(e.address ?? '')}:${e.port}` : 'a port';
  return new AppError(
    'PORT_IN_USE',
    `${where} is already in use (is another sitrep running?): stop it, or choose another port ` +
      '(http.port / SITREP_HTTP_PORT, slack.port, discord.interactionsPort)',
    { cause: err },
  );
}
