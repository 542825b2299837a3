/**
 * The optional HTTP interactions endpoint (Discord "Interactions Endpoint URL"): every request
 * is verified with Ed25519 over `timestamp + raw body` against the application's public key
 * (node's crypto, no package); a bad or missing signature gets 401. PING → {type: 1}; commands
 * and buttons → type 4, or type 5 then PATCH /webhooks/:app/:token/messages/@original;
 * autocomplete → type 8. Every body carries `allowed_mentions: { parse: [] }`.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type REST,
} from 'discord.js';
import type { Logger } from '../../log/logger.js';
import type { InteractionAnswers, PendingAnswer } from './interaction-answers.js';
import type { InteractionContext, OptionNode } from './interaction-request.js';
import { NO_MENTIONS } from './no-mentions.js';
import { replyData, replyFiles, type RenderedReply } from './reply-render.js';
import { respond, type Responder } from './respond.js';

const MAX_BODY = 1_000_000;

export function publicKeyFromHex(hex: string): KeyObject {
  const x = Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

export function verifySignature(
  key: KeyObject,
  timestamp: string | undefined,
  signature: string | undefined,
  body: Buffer,
): boolean {
  if (!timestamp || !signature || !/^[0-9a-f]{128}$/i.test(signature)) return false;
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  try {
    return verify(null, signed, key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}

/** Requests signed more than this long ago (or ahead) are refused as replays. */
export const MAX_REQUEST_AGE_S = 300;

/** True when the signed timestamp (unix seconds) is within MAX_REQUEST_AGE_S of now. */
export function isFreshTimestamp(timestamp: string | undefined, nowMs: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= MAX_REQUEST_AGE_S;
}

/** Interaction ids answered within the replay window: a repeat of one is refused. */
class SeenIds {
  private readonly seen = new Map<string, number>();
  /** False when `id` was already seen within the window (a replay). */
  add(id: string, nowMs: number): boolean {
    for (const [k, at] of this.seen) {
      if (nowMs - at <= MAX_REQUEST_AGE_S * 2000) break;
      this.seen.delete(k);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, nowMs);
    return true;
  }
}

export interface HttpInteractionsOptions {
  readonly publicKey: string;
  readonly host: string;
  readonly port: number;
  readonly rest: REST;
  readonly answers: InteractionAnswers;
  readonly log: Logger;
  readonly deferAfterMs: number;
}

export interface HttpInteractions {
  readonly port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_BODY) return null;
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function contextOf(i: APIInteraction): InteractionContext {
  const user = i.member?.user ?? i.user;
  const perms = i.member?.permissions;
  return {
    userId: user?.id ?? '',
    ...(user?.username ? { userName: user.username } : {}),
    guildId: i.guild_id ?? null,
    channelId: i.channel?.id ?? '',
    permissions: perms !== undefined && /^\d+$/.test(perms) ? BigInt(perms) : null,
  };
}

function optionsOf(i: APIInteraction): readonly OptionNode[] {
  const data = i.data;
  return data && 'options' in data && Array.isArray(data.options)
    ? (data.options as readonly OptionNode[])
    : [];
}

function responder(res: ServerResponse, rest: REST, i: APIInteraction): Responder {
  const original = Routes.webhookMessage(i.application_id, i.token, '@original');
  const deferral = (ephemeral: boolean) =>
    send(res, 200, {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: {
        ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
        allowed_mentions: NO_MENTIONS,
      },
    });
  const editOriginal = async (r: RenderedReply) => {
    const { flags: _flags, ...body } = replyData(r);
    await rest.patch(original, { body, files: replyFiles(r), auth: false });
  };
  return {
    reply: async (r) => {
      // A file cannot ride in the JSON answer to the interaction POST: defer, then attach it
      // by editing the original response (multipart).
      if (r.files?.length) {
        deferral(r.ephemeral);
        return editOriginal(r);
      }
      send(res, 200, {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: replyData(r),
      });
    },
    defer: async (ephemeral) => deferral(ephemeral),
    editOriginal,
    replaceWithFollowUp: async (r) => {
      await rest.delete(original, { auth: false });
      await rest.post(Routes.webhook(i.application_id, i.token), {
        body: replyData(r),
        files: replyFiles(r),
        auth: false,
      });
    },
  };
}

async function handle(
  o: HttpInteractionsOptions,
  key: KeyObject,
  seen: SeenIds,
  req: IncomingMessage,
  res: ServerResponse,
) {
  if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
  const body = await readBody(req);
  if (!body) return send(res, 413, { error: 'body too large' });
  const ok = verifySignature(
    key,
    req.headers['x-signature-timestamp'] as string | undefined,
    req.headers['x-signature-ed25519'] as string | undefined,
    body,
  );
  if (!ok) return send(res, 401, { error: 'invalid request signature' });
  const now = Date.now();
  if (!isFreshTimestamp(req.headers['x-signature-timestamp'] as string | undefined, now))
    return send(res, 401, { error: 'stale request timestamp' });
  let i: APIInteraction;
  try {
    i = JSON.parse(body.toString('utf8')) as APIInteraction;
  } catch {
    return send(res, 400, { error: 'body is not JSON' });
  }
  if (i.type !== InteractionType.Ping && !seen.add(String(i.id), now))
    return send(res, 401, { error: 'interaction already received (replay)' });
  let pending: PendingAnswer | undefined;
  if (i.type === InteractionType.Ping)
    return send(res, 200, { type: InteractionResponseType.Pong });
  if (i.type === InteractionType.ApplicationCommandAutocomplete) {
    const choices = await o.answers.choices(contextOf(i), optionsOf(i));
    return send(res, 200, {
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
  }
  if (i.type === InteractionType.ApplicationCommand)
    pending = o.answers.command(contextOf(i), optionsOf(i));
  if (i.type === InteractionType.MessageComponent && 'custom_id' in i.data)
    pending = o.answers.button(contextOf(i), i.data.custom_id);
  if (!pending) return send(res, 400, { error: 'unsupported interaction type' });
  await respond(responder(res, o.rest, i), pending, o.deferAfterMs);
}

export async function startHttpInteractions(o: HttpInteractionsOptions): Promise<HttpInteractions> {
  const key = publicKeyFromHex(o.publicKey);
  const seen = new SeenIds();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(o, key, seen, req, res).catch((err: unknown) => {
      o.log.warn({ err }, 'could not answer an HTTP interaction');
      if (!res.headersSent) send(res, 500, { error: 'internal error' });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
