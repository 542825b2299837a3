/**
 * A small fake of Discord for tests of the real discord.js: REST on 127.0.0.1 (messages, DM
 * channels, threads, interaction callbacks, webhooks, command registration) and a gateway on the
 * same port (HELLO, IDENTIFY → READY, heartbeats, dispatch). Records every REST request; fails
 * chosen ones on cue (429, 403 with a Discord error code, 5xx). Multipart requests (messages
 * with attachments) are decoded: `body` is their payload_json and `files` the attached files.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenLocally } from './local-server.js';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  readonly method: string;
  /** Decoded path without the /api/v10 prefix, e.g. /channels/C1/messages. */
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
  /** Files of a multipart/form-data request (attachments), in order. */
  readonly files?: readonly RecordedFile[];
}

export interface RecordedFile {
  readonly field: string;
  readonly name: string;
  readonly type: string;
  readonly data: Buffer;
}

export interface CannedFailure {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export interface FakeDiscord {
  /** REST base for DISCORD_API_URL: http://127.0.0.1:PORT/api */
  readonly api: string;
  readonly requests: RecordedRequest[];
  /** IDENTIFY payloads received by the gateway. */
  readonly identified: unknown[];
  /** The next matching request gets this answer instead (queue several for several). */
  failNext(failure: CannedFailure): void;
  /** Sends a gateway DISPATCH to every connected client. */
  dispatch(event: string, data: unknown): void;
  /** Requests matching method and path. */
  find(method: string, path: RegExp): RecordedRequest[];
  /** Resolves when a matching request has arrived (polling the record). */
  waitFor(method: string, path: RegExp, count?: number, ms?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

const BOT = {
  id: '900000000000000001',
  username: 'sitrep',
  discriminator: '0',
  avatar: null,
  bot: true,
};

let snowflake = 1_300_000_000_000_000_000n;
export function nextId(): string {
  snowflake += 1n;
  return snowflake.toString();
}

export function fakeMessage(channelId: string, body: Record<string, unknown>, id = nextId()) {
  return {
    id,
    channel_id: channelId,
    author: BOT,
    content: body['content'] ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: body['attachments'] ?? [],
    embeds: body['embeds'] ?? [],
    components: body['components'] ?? [],
    pinned: false,
    type: 0,
    flags: body['flags'] ?? 0,
  };
}

type Handler = (req: RecordedRequest, params: string[]) => { status: number; body?: unknown };

/** The REST endpoints sitrep uses, answered as Discord would. */
function restRoutes(port: () => number): [string, RegExp, Handler][] {
  const threads = new Set<string>();
  const nonces = new Map<string, ReturnType<typeof fakeMessage>>();
  return [
    [
      'GET',
      /^\/gateway\/bot$/,
      () => ({
        status: 200,
        body: {
          url: `ws://127.0.0.1:${port()}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      }),
    ],
    [
      'POST',
      /^\/users\/@me\/channels$/,
      (r) => {
        const recipient = String((r.body as { recipient_id?: string }).recipient_id);
        return {
          status: 200,
          body: {
            id: `dm-${recipient}`,
            type: 1,
            recipients: [{ ...BOT, id: recipient, bot: false }],
          },
        };
      },
    ],
    [
      'POST',
      /^\/channels\/([^/]+)\/messages$/,
      (r, [c = '']) => {
        // Like Discord: with enforce_nonce, a repeated nonce returns the message it created.
        const body = r.body as Record<string, unknown>;
        const nonceKey = body.enforce_nonce && body.nonce ? `${c}|${String(body.nonce)}` : '';
        const earlier = nonceKey ? nonces.get(nonceKey) : undefined;
        if (earlier) return { status: 200, body: earlier };
        const message = fakeMessage(c, body);
        if (nonceKey) nonces.set(nonceKey, message);
        return { status: 200, body: message };
      },
    ],
    [
      'PATCH',
      /^\/channels\/([^/]+)\/messages\/([^/]+)$/,
      (r, [c = '', m = '']) => ({
        status: 200,
        body: fakeMessage(c, r.body as Record<string, unknown>, m),
      }),
    ],
    [
      'POST',
      /^\/channels\/([^/]+)\/messages\/([^/]+)\/threads$/,
      (r, [c = '', m = '']) => {
        if (threads.has(m))
          return {
            status: 400,
            body: { code: 160004, message: 'A thread has already been created for this message' },
          };
        threads.add(m);
        return {
          status: 201,
          body: { id: m, type: 11, parent_id: c, name: (r.body as { name?: string }).name },
        };
      },
    ],
    ['POST', /^\/interactions\/([^/]+)\/([^/]+)\/callback$/, () => ({ status: 204 })],
    [
      'PATCH',
      /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/@original$/,
      (r) => ({
        status: 200,
        body: fakeMessage('C-interaction', r.body as Record<string, unknown>),
      }),
    ],
    ['DELETE', /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/@original$/, () => ({ status: 204 })],
    [
      'POST',
      /^\/webhooks\/([^/]+)\/([^/]+)$/,
      (r) => ({
        status: 200,
        body: fakeMessage('C-interaction', r.body as Record<string, unknown>),
      }),
    ],
    [
      'PUT',
      /^\/applications\/([^/]+)(?:\/guilds\/[^/]+)?\/commands$/,
      (r, [app = '']) => ({
        status: 200,
        body: (r.body as Record<string, unknown>[]).map((c) => ({
          ...c,
          id: nextId(),
          application_id: app,
          version: '1',
        })),
      }),
    ],
  ];
}

/** The gateway: HELLO on connect, READY after IDENTIFY, ACK for heartbeats. */
function attachGateway(
  server: Server,
  clients: Set<WebSocket>,
  identified: unknown[],
  port: () => number,
): WebSocketServer {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 }, s: null, t: null });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { op: number; d: unknown };
      if (msg.op === 1) send(ws, { op: 11, d: null, s: null, t: null });
      if (msg.op === 2) {
        identified.push(msg.d);
        send(ws, {
          op: 0,
          t: 'READY',
          s: nextSeq(),
          d: {
            v: 10,
            user: BOT,
            guilds: [],
            session_id: 'fake-session',
            resume_gateway_url: `ws://127.0.0.1:${port()}/gateway`,
            shard: [0, 1],
            application: { id: 'app-1', flags: 0 },
          },
        });
      }
    });
  });

  return wss;
}

function answer(
  res: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  if (status === 204 || body === undefined) return void res.writeHead(status, headers).end();
  res
    .writeHead(status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(body));
}

/** Records a REST request and answers it: a queued failure first, else the route, else 404. */
function handleRest(
  req: IncomingMessage,
  res: ServerResponse,
  state: {
    requests: RecordedRequest[];
    failures: CannedFailure[];
    routes: [string, RegExp, Handler][];
  },
): void {
  const { requests, failures, routes } = state;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => void recordAndAnswer());
  const recordAndAnswer = async () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const bytes = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/form-data')
      ? await decodeMultipart(bytes, contentType)
      : undefined;
    const raw = multipart?.payload ?? bytes.toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep the raw text */
    }
    const r: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.search,
      headers: req.headers,
      body,
      ...(multipart ? { files: multipart.files } : {}),
    };
    requests.push(r);
    const f = failures.findIndex((x) => x.method === r.method && x.path.test(path));
    if (f >= 0) {
      const [failure] = failures.splice(f, 1);
      if (failure) return answer(res, failure.status, failure.body, failure.headers);
    }
    for (const [method, re, handler] of routes) {
      const m = re.exec(path);
      if (m && method === r.method) {
        const out = handler(r, m.slice(1));
        return answer(res, out.status, out.body);
      }
    }
    answer(res, 404, { code: 0, message: '404: Not Found' });
  };
}

/** A multipart/form-data body as Discord reads it: payload_json plus files[n] parts. */
async function decodeMultipart(
  bytes: Buffer,
  contentType: string,
): Promise<{ payload: string; files: RecordedFile[] }> {
  const form = await new Response(new Uint8Array(bytes), {
    headers: { 'content-type': contentType },
  }).formData();
  const files: RecordedFile[] = [];
  let payload = '';
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') payload = value;
      continue;
    }
    files.push({
      field,
      name: value.name,
      type: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { payload, files };
}

let seq = 0;
const nextSeq = () => ++seq;
const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const failures: CannedFailure[] = [];
  const identified: unknown[] = [];
  const clients = new Set<WebSocket>();
  let port = 0;

  const routes = restRoutes(() => port);
  const server = createServer((req, res) => handleRest(req, res, { requests, failures, routes }));
  const wss = attachGateway(server, clients, identified, () => port);
  const dispatch = (event: string, data: unknown) => {
    for (const ws of clients) send(ws, { op: 0, t: event, s: nextSeq(), d: data });
  };

  const local = await listenLocally(server);
  port = local.port;
  const find = (method: string, path: RegExp) =>
    requests.filter((r) => r.method === method && path.test(r.path));

  return {
    api: `http://127.0.0.1:${port}/api`,
    requests,
    identified,
    failNext: (f) => void failures.push(f),
    dispatch,
    find,
    async waitFor(method, path, count = 1, ms = 10_000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        const got = find(method, path);
        if (got.length >= count) return got;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no ${count}× ${method} ${path} at the fake Discord in time`);
    },
    close: () => {
      for (const ws of clients) ws.terminate();
      wss.close();
      return local.close();
    },
  };
}
