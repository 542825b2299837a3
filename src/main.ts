/**
 * The composition root: config → logger → Redis → stores → matcher → queues/workers → HTTP.
 * The only place (with the CLI entry points) that builds and wires adapters.
 */
import { Redis } from 'ioredis';
import type { CommandService, FrontEnd, FrontEndFactory } from './chat/front-end.js';
import { DEFAULT_COMMAND_LIMITS, type CommandDeps } from './command/command-deps.js';
import { runCommand, subcommandOf } from './command/run-command.js';
import { loadMatcher } from './config/load-matcher.js';
import { loadVocabulary } from './config/load-vocabulary.js';
import type { Config } from './config/schema.js';
import { createWebSub, type WebSub } from './feed/websub/create-websub.js';
import { withSafetyPoll } from './feed/websub/safety-poll-state.js';
import { CALLBACK_PATH } from './feed/websub/websub-callback.js';
import { startHttpServer, type HttpServer } from './http/http-server.js';
import type { Logger } from './log/logger.js';
import type { AlertSink } from './queue/alert-sink.js';
import { FeedAdmin, runtimeFeedConfig } from './queue/feed-admin.js';
import { fetchOptionsFor } from './queue/fetch-options.js';
import { createMetrics, type PipelineMetrics } from './queue/metrics.js';
import { startPipeline, type Pipeline } from './queue/pipeline.js';
import { queueDepthGauge } from './queue/queue-depth.js';
import { RedisOutageLog } from './queue/redis-outage-log.js';
import { RedisDeliveryStore } from './store/redis/redis-delivery-store.js';
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
  readonly redis: Redis;
  stop(): Promise<void>;
}

export async function startApp(
  config: Readonly<Config>,
  log: Logger,
  sink: AlertSink,
  /** Chat front ends (Slack, Discord); with none, alerts go to `sink` (the console). */
  frontEnds: readonly FrontEndFactory[] = [],
): Promise<App> {
  const { matcher, gazetteer, topics } = loadMatcher(config.match);
  const vocabulary = loadVocabulary(config, gazetteer);
  const redis = new Redis(config.redis.url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  // One warning per Redis outage and one line when it is back, from this connection and
  // every BullMQ queue and worker alike (see redis-outage-log.ts).
  const outage = new RedisOutageLog(log.child({ component: 'redis' }));
  outage.watch(redis, 'redis');
  outage.watchReady(redis, 'redis');
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
  const started: FrontEnd[] = [];
  try {
    for (const factory of frontEnds)
      started.push(await factory({ config, log: log.child({ component: 'chat' }), commands }));
  } catch (err) {
    await Promise.all(started.map((f) => f.stop().catch(() => undefined)));
    await redis.quit().catch(() => undefined);
    throw err;
  }
  const websubLeases = config.websub.callbackUrl ? new RedisWebSubLeaseStore(redis, prefix) : null;
  const pipeline = await startPipeline({
    config,
    connection: redis,
    // While a feed's WebSub lease runs, the poller polls it every safetyPollInterval only.
    state: websubLeases
      ? withSafetyPoll(state, websubLeases, config.websub.safetyPollInterval)
      : state,
    runtimeFeeds,
    incidents,
    matcher,
    gazetteer,
    vocabulary,
    sink,
    chat: { platforms: started.map((f) => f.platform), ...stores },
    metrics,
    outage,
    log: log.child({ component: 'pipeline' }),
  });
  const websub = websubLeases
    ? buildWebSub(config, log, websubLeases, runtimeFeeds, pipeline, metrics)
    : null;
  syncFeeds = async () => {
    await pipeline.syncFeeds();
    await websub?.refresh();
  };
  const http = config.http.enabled
    ? await startHttpServer(
        {
          registry: metrics.registry,
          redisOk: async () => (await redis.ping().catch(() => '')) === 'PONG',
          beforeScrape: queueDepthGauge(metrics.registry, pipeline),
          routes: websub
            ? [{ prefix: CALLBACK_PATH, handle: (req, res) => websub.callback.handle(req, res) }]
            : [],
        },
        config.http.host,
        config.http.port,
      )
    : null;
  if (http)
    log.info({ port: http.port }, `health and metrics on http://${config.http.host}:${http.port}/`);
  // Hubs verify a subscription at once: subscribe only once the callback is served.
  websub?.start();
  return {
    pipeline,
    frontEnds: started,
    commands,
    metrics,
    http,
    websub,
    redis,
    async stop() {
      await websub?.stop();
      await http?.close();
      await pipeline.close();
      await Promise.all(started.map((f) => f.stop().catch(() => undefined)));
      await redis.quit().catch(() => undefined);
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
    onNotification: async ({ feedId }) => {
      await leases.markPushed(feedId);
      await pipeline.queues.poll.add('poll', { feedId }, { jobId: `push-${feedId}-${Date.now()}` });
    },
  });
}
