import { z } from 'zod';
import { THEATRES } from '../gazetteer/gazetteer-data.js';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from '../incident/cluster/cluster-config.js';
import { PAIR_FEATURES, type PairFeature } from '../incident/cluster/pair-feature-names.js';
import { unknownKeysMessage } from './did-you-mean.js';
import { duration } from './duration.js';

/**
 * A config object whose unknown keys are errors (a typo such as `pollling:` or `redis.prefx`
 * would otherwise be ignored), reported with a "did you mean" hint beside the other problems.
 */
function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, known) : undefined,
  });
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const feedSchema = strict({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'use letters, digits, ".", "_" or "-" (it names Redis keys)'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  name: z.string().min(1).optional(),
  interval: duration.optional(),
  tags: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
  /** runtime: added by an admin with `/sitrep feeds add`; polled behind the SSRF guard. */
  origin: z.enum(['config', 'runtime']).default('config'),
  /** false: never fetch this feed's article pages (unset follows `articles.enabled`). */
  enrich: z.boolean().optional(),
});

const idList = z.array(z.string().min(1)).default([]);

/** Slack: started by `sitrep start` when `botToken` is set (docs: README "Slack"). */
export const slackSchema = strict({
  botToken: z.string().min(1).optional(),
  /** Socket Mode app-level token (xapp-…). */
  appToken: z.string().min(1).optional(),
  /** HTTP mode request signing secret. */
  signingSecret: z.string().min(1).optional(),
  mode: z.enum(['socket', 'http']).default('socket'),
  /** HTTP mode listener. */
  host: z.string().default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(3000),
  /** Web API base URL override (tests, proxies), e.g. http://127.0.0.1:9000/api/. */
  apiUrl: z.url().optional(),
  /** User ids treated as admins besides workspace owners and admins. */
  admins: idList,
})
  .prefault({})
  .superRefine((s, ctx) => {
    if (!s.botToken) return;
    if (s.mode === 'socket' && !s.appToken)
      ctx.addIssue({
        code: 'custom',
        path: ['appToken'],
        message: 'Socket Mode needs SLACK_APP_TOKEN (xapp-…), or set SLACK_MODE=http',
      });
    if (s.mode === 'http' && !s.signingSecret)
      ctx.addIssue({
        code: 'custom',
        path: ['signingSecret'],
        message: 'HTTP mode needs SLACK_SIGNING_SECRET',
      });
  });

/** Discord: started by `sitrep start` when `token` and `appId` are set (README "Discord"). */
export const discordSchema = strict({
  token: z.string().min(1).optional(),
  appId: z.string().min(1).optional(),
  /** REST base URL override (tests, proxies), e.g. http://127.0.0.1:9000/api. */
  apiUrl: z.url().optional(),
  /** User ids treated as admins besides members with Manage Guild. */
  admins: idList,
  /** Optional HTTP interactions endpoint (Ed25519-verified): the application's public key. */
  publicKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'a 64-hex-digit Ed25519 public key')
    .optional(),
  interactionsHost: z.string().default('0.0.0.0'),
  interactionsPort: z.number().int().min(0).max(65535).optional(),
})
  .prefault({})
  .superRefine((d, ctx) => {
    if (d.token && !d.appId)
      ctx.addIssue({
        code: 'custom',
        path: ['appId'],
        message: 'DISCORD_TOKEN needs DISCORD_APP_ID',
      });
    if (d.interactionsPort !== undefined && !d.publicKey)
      ctx.addIssue({
        code: 'custom',
        path: ['publicKey'],
        message: 'the HTTP interactions endpoint needs DISCORD_PUBLIC_KEY',
      });
  });

const C = DEFAULT_CLUSTER_CONFIG;
const weight = z.number();

/** Clustering reports into incidents: one block (docs/INCIDENTS.md, "Clustering"). */
export const clusterSchema = strict({
  window: duration.default(C.window),
  eventDayTolerance: duration.default(C.eventDayTolerance),
  eventDayLimit: duration.default(C.eventDayLimit),
  eventWeekTolerance: duration.default(C.eventWeekTolerance),
  approxWindow: duration.default(C.approxWindow),
  followUpWindow: duration.default(C.followUpWindow),
  openIncidents: strict({
    lookback: duration.default(C.openIncidents.lookback),
    max: z.number().int().positive().default(C.openIncidents.max),
  }).prefault({}),
  duplicateShingles: z.number().min(0).max(1).default(C.duplicateShingles),
  joinProbability: z.number().gt(0).lt(1).default(C.joinProbability),
  /** A bias and one weight per pair feature; `sitrep cluster tune` prints a fitted block. */
  weights: z
    .strictObject(
      Object.fromEntries(
        (['bias', ...PAIR_FEATURES] as const).map((k) => [k, weight.default(C.weights[k])]),
      ) as Record<'bias' | PairFeature, z.ZodDefault<z.ZodNumber>>,
    )
    .prefault({}),
}).prefault({}) satisfies z.ZodType<ClusterConfig, unknown>;

/**
 * WebSub push (docs/WEBSUB.md): with `callbackUrl` set, feeds that advertise a hub are
 * subscribed to and polled only every `safetyPollInterval` while the subscription holds.
 */
export const websubSchema = strict({
  /**
   * Public URL that reaches this worker's HTTP server at `/websub/` (a reverse proxy may sit in
   * between); each subscription's callback is this URL plus its id. Unset: WebSub is off.
   */
  callbackUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine((u) => !/[?#]/.test(u), 'must not have a query or fragment')
    .optional(),
  /** Lease asked of the hub (the hub may grant another); renewed at three quarters of it. */
  leaseSeconds: z
    .number()
    .int()
    .min(60)
    .default(10 * 86_400),
  /** A subscribed feed's poll interval: a safety net for pushes the hub never sent. */
  safetyPollInterval: duration.default(3_600_000),
  /** How often each worker looks for subscriptions to make, renew, retry or end. */
  checkInterval: duration.default(60_000),
  /** A subscription the hub has not verified after this long is asked for again. */
  verifyTimeout: duration.default(5 * 60_000),
  /** How long a feed that advertises no hub waits before it is looked at again. */
  rediscoverInterval: duration.default(24 * 3_600_000),
  /** Largest notification body accepted on the callback (larger: 413). */
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
}).prefault({});

export const configSchema = strict({
  logLevel: z.enum(LOG_LEVELS).default('info'),
  log: strict({
    /** auto: readable lines on a terminal, JSON lines otherwise (LOG_FORMAT, --json-logs). */
    format: z.enum(['auto', 'json', 'pretty']).default('auto'),
    /** How often `sitrep start` logs one summary line (polls, new items, alerts, failing feeds); 0: never. */
    summaryInterval: duration.default(5 * 60_000),
  }).prefault({}),
  /** The product's theatre: places there come first when the extractor picks an event's place. */
  theatre: z.enum(THEATRES).default('iraq-syria'),
  redis: strict({
    url: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
    prefix: z.string().min(1).default('sitrep'),
  }).prefault({ url: 'redis://127.0.0.1:6379' }),
  http: strict({
    enabled: z.boolean().default(true),
    host: z.string().default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(9464),
  }).prefault({}),
  fetch: strict({
    userAgent: z
      .string()
      .min(1)
      .default('sitrep/0.1 (news-alert bot; +https://github.com/sitrep/sitrep)'),
    connectTimeout: duration.default(10_000),
    timeout: duration.default(30_000),
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    /** Entries read from one feed document (the first ones; the rest are dropped unparsed). */
    maxItems: z.number().int().positive().default(1000),
  }).prefault({}),
  polling: strict({
    /** First interval of a feed with no history yet (adaptive feeds then follow their rate). */
    defaultInterval: duration.default(300_000),
    /** Adaptive polling bounds: a busy feed is polled at most this often... */
    minInterval: duration.default(60_000),
    /** ...and a quiet one at least this often. A feed's own `interval` pins it instead. */
    maxInterval: duration.default(3_600_000),
    /** ± this fraction of random jitter on adaptive intervals. */
    jitter: z.number().min(0).max(0.5).default(0.1),
    /** Feed requests in flight to one host at once, per worker. */
    perHost: z.number().int().positive().default(2),
    backoffBase: duration.default(300_000),
    backoffMax: duration.default(4 * 3_600_000),
    maxItemAge: duration.default(24 * 3_600_000),
    alertOnFirstFetch: z.boolean().default(false),
    seenRetention: duration.default(30 * 86_400_000),
    /** How often each worker re-reads the runtime-added feeds (another worker may add one). */
    feedSync: duration.default(60_000),
  }).prefault({}),
  pipeline: strict({
    concurrency: strict({
      /** Feed fetches in flight per worker (over all hosts). */
      poll: z.number().int().positive().default(32),
      /**
       * Items jobs in flight per worker; their clustering steps run in rounds (one worker's
       * items waiting together are decided in one round, src/queue/cluster-rounds.ts).
       */
      items: z.number().int().positive().max(64).default(16),
      deliver: z.number().int().positive().default(2),
    }).prefault({}),
    /** Threads that parse fetched feeds off the main thread (0: parse on it). */
    parseThreads: z.number().int().min(0).max(16).default(1),
    attempts: z.number().int().positive().default(5),
    retryBackoff: duration.default(5_000),
    keepCompleted: z.number().int().min(0).default(1000),
    keepFailed: z.number().int().min(0).default(5000),
    /** A job's lock: a worker that dies loses it after this long and the job runs again. */
    lockDuration: duration.default(30_000),
    /** How often workers look for jobs whose lock expired (a crashed worker's jobs). */
    stalledInterval: duration.default(30_000),
    /** Times a job may be caught stalled (its worker died) before it is parked as failed. */
    maxStalledCount: z.number().int().min(0).default(5),
  }).prefault({}),
  delivery: strict({
    /** Minimum gap between two messages to one channel or DM (Slack: ~1 message/s/channel). */
    perDestinationInterval: duration.default(1_000),
    /**
     * Minimum gap between any two messages on one platform, over all destinations and
     * workers (Discord's global limit is 50 requests/s; Slack has per-workspace limits).
     */
    perPlatformInterval: strict({
      slack: duration.default(50),
      discord: duration.default(40),
      console: duration.default(0),
      test: duration.default(0),
    }).prefault({}),
    /** Queue-wide cap over all destinations: at most `max` deliveries per `per`. */
    rateLimit: strict({
      max: z.number().int().positive().default(20),
      per: duration.default(1_000),
    }).prefault({}),
    concurrency: z.number().int().positive().default(4),
    /** Tries for a transient chat error (rate limit, timeout) before the job is parked. */
    attempts: z.number().int().positive().default(8),
    /** Exponential backoff start when the platform gives no Retry-After. */
    retryBackoff: duration.default(2_000),
    /** A channel with this many live alerts within `burstWindow` gets the rest as a digest. */
    burstThreshold: z.number().int().positive().default(5),
    burstWindow: duration.default(10 * 60_000),
    /** UTC hour at which daily digests go out. */
    dailyHourUtc: z.number().int().min(0).max(23).default(8),
    /** How often held alerts are checked for release as digests. */
    digestCheck: duration.default(60_000),
  }).prefault({}),
  /** Incident maps (docs/MAPS.md): when routes with --weekly-map get their weekly picture. */
  maps: strict({
    weekly: strict({
      day: z
        .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
        .default('monday'),
      /** Local time of day, "HH:MM" (24 h). */
      time: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 08:00')
        .default('08:00'),
      /** IANA time zone of `day` and `time`. */
      timeZone: z
        .string()
        .refine((tz) => {
          try {
            new Intl.DateTimeFormat('en-GB', { timeZone: tz });
            return true;
          } catch {
            return false;
          }
        }, 'an IANA time zone such as UTC or Asia/Baghdad')
        .default('UTC'),
      /** A weekly map missed by this much (worker down) is skipped until next week. */
      lateBy: duration.default(24 * 3_600_000),
    }).prefault({}),
    /** How often the worker checks whether a weekly map is due. */
    check: duration.default(5 * 60_000),
  }).prefault({}),
  match: strict({
    topicsDir: z.string().default('config/topics'),
    gazetteer: z.string().default('config/gazetteer.yml'),
    /** Event words and negative context (config/lexicon.yml). */
    lexicon: z.string().default('config/lexicon.yml'),
    /** The learned topic decision (written by `sitrep topics train`). */
    model: z.string().default('config/topic-model.json'),
    /** Default minimum topic score for a match (a topic file may set its own). */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Words of full content read after headline and summary. */
    leadWords: z.number().int().positive().default(120),
    /** Token window in which an event word and an actor form one phrase. */
    window: z.number().int().positive().default(8),
  }).prefault({}),
  incidents: strict({
    retention: duration.default(30 * 86_400_000),
    cluster: clusterSchema,
  }).prefault({}),
  /** Reading the linked article of candidate items (docs/ARTICLES.md). */
  articles: strict({
    /** The global switch; a feed's `enrich: false` turns it off for that feed only. */
    enabled: z.boolean().default(true),
    /** How long an item waits for its article before it alerts on the feed text. */
    deadline: duration.default(4_000),
    /** Total time for one page fetch (a late article still updates the incident). */
    timeout: duration.default(20_000),
    connectTimeout: duration.default(5_000),
    maxBytes: z
      .number()
      .int()
      .positive()
      .default(3 * 1024 * 1024),
    maxRedirects: z.number().int().min(0).max(10).default(5),
    /** Less story text than this (characters) is a teaser or paywall stub: feed text is used. */
    minChars: z.number().int().positive().default(250),
    /** Off-topic items scoring at least this are fetched too: the article can decide. */
    nearScore: z.number().min(0).max(1).default(0.25),
    /** Minimum gap between two requests to one host, over all workers. */
    hostInterval: duration.default(2_000),
    /** How long an extracted article is kept per canonical URL. */
    cacheTtl: duration.default(6 * 3_600_000),
    /** A cached article older than this is re-fetched with a conditional GET. */
    refreshAfter: duration.default(30 * 60_000),
    /** How long a host's robots.txt is kept. */
    robotsTtl: duration.default(3_600_000),
  }).prefault({}),
  feeds: z.array(feedSchema).default([]),
  /** Feeds added at run time (`/sitrep feeds add`): limits and the SSRF allowlist. */
  feedAdmin: strict({
    /** Hosts or CIDR ranges a runtime-added feed may reach although private (tests, intranet). */
    allowAddresses: z.array(z.string()).default([]),
    maxFeeds: z.number().int().positive().default(200),
  }).prefault({}),
  slack: slackSchema,
  discord: discordSchema,
  websub: websubSchema,
}).superRefine((c, ctx) => {
  if (c.websub.callbackUrl && !c.http.enabled)
    ctx.addIssue({
      code: 'custom',
      path: ['websub', 'callbackUrl'],
      message: 'the WebSub callback is served by the HTTP server: set http.enabled: true',
    });
});

export type Config = z.output<typeof configSchema>;
export type WebSubConfig = z.output<typeof websubSchema>;
export type FeedConfig = z.output<typeof feedSchema>;
export type SlackConfig = z.output<typeof slackSchema>;
export type DiscordConfig = z.output<typeof discordSchema>;
export type ConfigInput = z.input<typeof configSchema>;
