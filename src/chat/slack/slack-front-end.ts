/**
 * The Slack front end: a Bolt app in Socket Mode (default: SLACK_BOT_TOKEN + SLACK_APP_TOKEN)
 * or HTTP mode (SLACK_MODE=http: SLACK_SIGNING_SECRET, SLACK_PORT), with SLACK_API_URL as the
 * Web API base. Alerts are delivered through a separate WebClient that never waits on its own:
 * `rejectRateLimitedCalls` and no retries, so a 429's Retry-After and any 5xx go straight to
 * the delivery worker, which owns pacing, backoff and the retry count (a WebClient sleeping
 * inside a delivery job would hold a worker slot and hide the wait from the pacer).
 */
import { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { SlackConfig } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import type { FrontEnd, FrontEndContext, FrontEndFactory } from '../front-end.js';
import { boltLogger } from './bolt-logger.js';
import { createAdminCheck } from './slack-admins.js';
import { registerHandlers } from './slack-handlers.js';
import { SlackPlatform } from './slack-platform.js';

export interface SlackFrontEndOptions {
  /** Retry policy of the Bolt and Socket Mode clients (tests: few, fast retries). */
  readonly retryConfig?: webApi.RetryOptions;
  readonly now?: () => Date;
  /** Delivery WebClient request timeout. */
  readonly timeoutMs?: number;
  /** Socket Mode: give up starting when no connection is up by then (default 30 s). */
  readonly connectTimeoutMs?: number;
}

export interface SlackFrontEnd extends FrontEnd {
  /** HTTP mode: the port Bolt listens on (useful with SLACK_PORT=0); null in Socket Mode. */
  readonly port: number | null;
}

/** Handler calls (views.publish, users.info) retry a little; delivery calls never do. */
const HANDLER_RETRIES: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500 };

function apiUrl(s: SlackConfig): { slackApiUrl?: string } {
  if (!s.apiUrl) return {};
  return { slackApiUrl: s.apiUrl.endsWith('/') ? s.apiUrl : `${s.apiUrl}/` };
}

async function whoAmI(client: webApi.WebClient): Promise<{ botId: string; botUserId: string }> {
  try {
    const me = await client.auth.test();
    if (!me.user_id || !me.bot_id) throw new Error('auth.test gave no bot user id / bot id');
    return { botId: me.bot_id, botUserId: me.user_id };
  } catch (err) {
    if (err instanceof webApi.WebAPIPlatformError)
      throw new Error(`Slack rejected SLACK_BOT_TOKEN (auth.test: ${err.data.error})`, {
        cause: err,
      });
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`could not reach Slack to check SLACK_BOT_TOKEN (auth.test: ${why})`, {
      cause: err,
    });
  }
}

function receiverFor(s: SlackConfig, log: Logger, options: SlackFrontEndOptions): Receiver {
  const logger = boltLogger(log.child({ part: 'slack-receiver' }));
  if (s.mode === 'http') {
    if (!s.signingSecret) throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET');
    return new HTTPReceiver({ signingSecret: s.signingSecret, logger, port: s.port });
  }
  if (!s.appToken) throw new Error('Slack Socket Mode needs SLACK_APP_TOKEN (xapp-…)');
  const clientOptions: webApi.WebClientOptions = { ...apiUrl(s), logger };
  if (options.retryConfig) clientOptions.retryConfig = options.retryConfig;
  return new SocketModeReceiver({
    appToken: s.appToken,
    logger,
    installerOptions: { clientOptions },
  });
}

/** Starts the Slack front end; rejects with a clear message when the tokens do not work. */
export async function startSlackFrontEnd(
  ctx: FrontEndContext,
  options: SlackFrontEndOptions = {},
): Promise<SlackFrontEnd> {
  const s = ctx.config.slack;
  if (!s.botToken) throw new Error('Slack needs SLACK_BOT_TOKEN');
  const log = ctx.log.child({ platform: 'slack' });
  const logger = boltLogger(log);
  const delivery = new webApi.WebClient(s.botToken, {
    ...apiUrl(s),
    logger,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
  });
  const identity = await whoAmI(delivery);
  const app = new App({
    token: s.botToken,
    ...identity,
    receiver: receiverFor(s, log, options),
    logger,
    clientOptions: { ...apiUrl(s), retryConfig: options.retryConfig ?? HANDLER_RETRIES },
  });
  registerHandlers(app, {
    commands: ctx.commands,
    admins: createAdminCheck(app.client.users, s.admins, log),
    log,
    now: options.now ?? (() => new Date()),
  });
  const port = await startApp(app, s, options.connectTimeoutMs ?? 30_000);
  log.info({ mode: s.mode, port }, `Slack front end started (${s.mode} mode)`);
  let stopped: Promise<void> | undefined;
  return {
    platform: new SlackPlatform(delivery, log.child({ part: 'slack-delivery' })),
    port,
    stop() {
      stopped ??= app.stop().then(
        () => undefined,
        (err: unknown) => log.warn({ err }, 'stopping the Slack app failed'),
      );
      return stopped;
    },
  };
}

function portOf(server: unknown): number | null {
  const address = server instanceof Server ? server.address() : null;
  return address && typeof address === 'object' ? address.port : null;
}

/**
 * Socket Mode keeps reconnecting on its own, so a connection that never comes up would hold
 * `sitrep start` forever: give up after `ms` with a clear error instead.
 */
async function within<T>(started: Promise<T>, ms: number): Promise<T> {
  started.catch(() => undefined); // settles after the timeout, if ever: not an unhandled rejection
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no connection within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([started, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function startApp(
  app: App,
  s: SlackConfig,
  connectTimeoutMs: number,
): Promise<number | null> {
  try {
    const started: unknown = await (s.mode === 'http'
      ? app.start({ port: s.port, host: s.host })
      : within(app.start(), connectTimeoutMs));
    return s.mode === 'http' ? portOf(started) : null;
  } catch (err) {
    await app.stop().catch(() => undefined);
    const what = s.mode === 'http' ? `listen on ${s.host}:${s.port}` : 'connect in Socket Mode';
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`the Slack app could not ${what}: ${why}`, { cause: err });
  }
}

export const createSlackFrontEnd: FrontEndFactory = (ctx) => startSlackFrontEnd(ctx);

/** The same factory with options (tests). */
export function slackFrontEndWith(options: SlackFrontEndOptions): FrontEndFactory {
  return (ctx) => startSlackFrontEnd(ctx, options);
}
