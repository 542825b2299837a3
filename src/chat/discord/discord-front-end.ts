/**
 * The Discord front end: a discord.js client (Guilds intent only; `allowedMentions: { parse: [] }`
 * by default) answering `/sitrep` interactions from the gateway, the optional Ed25519-verified
 * HTTP interactions endpoint, and the ChatPlatform the delivery worker posts alerts through.
 * DISCORD_API_URL points REST (and so the gateway lookup) elsewhere, for tests and proxies.
 */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type RateLimitData } from 'discord.js';
import { AppError } from '../../domain/errors.js';
import type { FrontEnd, FrontEndContext, FrontEndFactory } from '../front-end.js';
import { ButtonCommands } from './button-id.js';
import { DiscordPlatform } from './discord-platform.js';
import { gatewayInteractionHandler } from './gateway-interactions.js';
import { startHttpInteractions, type HttpInteractions } from './http-interactions.js';
import { InteractionAnswers } from './interaction-answers.js';
import { NO_MENTIONS } from './no-mentions.js';
import { DEFAULT_DEFER_AFTER_MS } from './respond.js';

export interface DiscordFrontEndOptions {
  /** Answer at once when the command finishes within this; otherwise defer (Discord allows 3 s). */
  readonly deferAfterMs?: number;
  /** discord.js waits out shorter rate limits itself; a longer one fails as a transient error. */
  readonly maxRateLimitWaitMs?: number;
  /** How long to wait for the gateway's READY before giving up. */
  readonly readyTimeoutMs?: number;
  readonly clock?: () => Date;
}

export interface DiscordFrontEnd extends FrontEnd {
  readonly client: Client;
  /** The HTTP interactions endpoint's port, when it runs. */
  readonly interactionsPort: number | undefined;
}

/** REST options shared by the client and `sitrep discord register`. */
export function restOptions(apiUrl: string | undefined, maxRateLimitWaitMs = 10_000) {
  return {
    ...(apiUrl ? { api: apiUrl } : {}),
    version: '10',
    rejectOnRateLimit: (d: RateLimitData) =>
      Math.max(d.retryAfter, d.timeToReset) > maxRateLimitWaitMs,
  };
}

async function connect(client: Client, token: string, readyTimeoutMs: number): Promise<void> {
  const ready = once(client, Events.ClientReady, { signal: AbortSignal.timeout(readyTimeoutMs) });
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    ready.catch(() => undefined);
    await client.destroy();
    throw new AppError('discord.connect', `Discord: could not connect the bot: ${String(err)}`, {
      cause: err,
      retryable: true,
    });
  }
}

export function discordFrontEnd(options: DiscordFrontEndOptions = {}): FrontEndFactory {
  return async (ctx: FrontEndContext): Promise<DiscordFrontEnd> => {
    const { token, appId, apiUrl, admins, publicKey, interactionsHost, interactionsPort } =
      ctx.config.discord;
    if (!token || !appId)
      throw new AppError('config', 'Discord needs DISCORD_TOKEN and DISCORD_APP_ID');
    const log = ctx.log.child({ platform: 'discord' });
    const clock = options.clock ?? (() => new Date());
    const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
    const client = new Client({
      intents: [GatewayIntentBits.Guilds],
      allowedMentions: { ...NO_MENTIONS },
      rest: restOptions(apiUrl, options.maxRateLimitWaitMs),
    });
    const answers = new InteractionAnswers({
      commands: ctx.commands,
      admins,
      buttons: new ButtonCommands(),
      log,
      clock,
    });
    client.on(Events.InteractionCreate, gatewayInteractionHandler(answers, log, deferAfterMs));
    client.on(Events.Error, (err) => log.warn({ err }, 'discord client error'));
    client.rest.on('rateLimited', (d) =>
      log.debug({ route: d.route, ms: d.timeToReset }, 'rate limited'),
    );
    await connect(client, token, options.readyTimeoutMs ?? 30_000);
    let http: HttpInteractions | undefined;
    if (interactionsPort !== undefined && publicKey) {
      try {
        http = await startHttpInteractions({
          publicKey,
          host: interactionsHost,
          port: interactionsPort,
          rest: client.rest,
          answers,
          log,
          deferAfterMs,
        });
      } catch (err) {
        await client.destroy();
        throw err;
      }
      log.info({ port: http.port }, 'Discord HTTP interactions endpoint listening');
    }
    log.info({ user: client.user?.tag }, 'Discord bot connected');
    let stopped: Promise<void> | undefined;
    return {
      platform: new DiscordPlatform(client.rest, log, clock),
      client,
      interactionsPort: http?.port,
      stop() {
        stopped ??= (async () => {
          await http?.close();
          await client.destroy();
        })();
        return stopped;
      },
    };
  };
}

export const createDiscordFrontEnd: FrontEndFactory = discordFrontEnd();
