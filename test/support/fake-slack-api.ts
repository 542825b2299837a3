/**
 * A fake Slack Web API on 127.0.0.1 for the real WebClient and Bolt: answers the methods
 * sitrep calls, records every call with its arguments (form or JSON bodies, with `blocks` and
 * other JSON-valued fields decoded), serves `response_url`s, and fails chosen calls on cue
 * (a 429 with Retry-After, a Slack error such as channel_not_found, or a 500 after the call
 * took effect), and can answer chosen methods slowly. File uploads go the files API's way:
 * files.getUploadURLExternal hands out an upload URL on this server, the bytes POSTed there are
 * kept, and files.completeUploadExternal shares the file into a channel (see `uploads`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocally } from './local-server.js';

export interface ApiCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  readonly token: string | undefined;
  readonly seq: number;
  /** What the fake answered (set once answered). */
  result?: Record<string, unknown>;
}

export interface Respond {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly seq: number;
}

export interface CannedFailure {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: Record<string, unknown>;
  /** The call takes effect (a message is kept) before the failure is answered. */
  readonly applied?: boolean;
}

/** A file uploaded through files.getUploadURLExternal → upload URL → completeUploadExternal. */
export interface FakeUpload {
  readonly fileId: string;
  readonly filename: string;
  readonly length: number;
  readonly altText?: string;
  /** The raw request body POSTed to the upload URL (the file, possibly inside multipart). */
  body?: Buffer;
  /** Set by files.completeUploadExternal. */
  channel?: string;
  title?: string;
  initialComment?: string;
}

export interface FakeSlackApi {
  /** Web API base for SLACK_API_URL, ending in "/". */
  readonly apiUrl: string;
  /** Base for response_urls this fake serves: `${responseBase}/<anything>`. */
  readonly responseBase: string;
  readonly calls: ApiCall[];
  readonly responses: Respond[];
  /** Files by id, in upload order. */
  readonly uploads: FakeUpload[];
  /** Where apps.connections.open points the Socket Mode client. */
  socketUrl: string;
  /** users.info answers is_admin: true for these ids. */
  readonly workspaceAdmins: Set<string>;
  /** The next call of `method` answers this instead (queue several for several calls). */
  failNext(method: string, failure: CannedFailure): void;
  /** Every later call of `method` is answered `ms` later (after it took effect). */
  slow(method: string, ms: number): void;
  /** Calls of one method, in order. */
  of(method: string): ApiCall[];
  /** The messages a channel holds now (top-level and thread replies, as last edited), oldest first. */
  held(channel: string): Record<string, unknown>[];
  /** A monotonically increasing number shared by calls and responses, for ordering checks. */
  tick(): number;
  waitFor(cond: () => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    out[k] = v;
  }
  return out;
}

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: ApiCall[] = [];
  const responses: Respond[] = [];
  const failures: { method: string; failure: CannedFailure }[] = [];
  const delays = new Map<string, number>();
  let seq = 0;
  let ts = 1_700_000_000;
  const state = { socketUrl: '', base: '' };
  const uploads: FakeUpload[] = [];
  const workspaceAdmins = new Set<string>();
  /** Messages posted, per channel, oldest first (for conversations.history / replies). */
  const posted = new Map<string, Record<string, unknown>[]>();

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Test' };
      case 'chat.postMessage': {
        const messageTs = `${++ts}.000100`;
        const channel = String(args.channel);
        const message = {
          ts: messageTs,
          text: args.text,
          ...(args.blocks ? { blocks: args.blocks } : {}),
          ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}),
          ...(args.metadata ? { metadata: args.metadata } : {}),
        };
        posted.set(channel, [...(posted.get(channel) ?? []), message]);
        return { ok: true, channel: args.channel, ts: messageTs, message };
      }
      case 'conversations.history': {
        const all = (posted.get(String(args.channel)) ?? []).filter((m) => !m.thread_ts);
        const limit = Number(args.limit ?? 100);
        return { ok: true, messages: all.reverse().slice(0, limit), has_more: false };
      }
      case 'conversations.replies': {
        const thread = (posted.get(String(args.channel)) ?? []).filter(
          (m) => m.thread_ts === args.ts || m.ts === args.ts,
        );
        return { ok: true, messages: thread, has_more: false };
      }
      case 'chat.update': {
        const all = posted.get(String(args.channel)) ?? [];
        const i = all.findIndex((m) => m.ts === args.ts);
        if (i >= 0)
          all[i] = { ...all[i], text: args.text, ...(args.blocks ? { blocks: args.blocks } : {}) };
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'views.publish':
        return { ok: true, view: { id: 'V1' } };
      case 'users.info': {
        const id = String(args.user);
        return { ok: true, user: { id, is_admin: workspaceAdmins.has(id) } };
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${uploads.length + 1}`;
        uploads.push({
          fileId,
          filename: String(args.filename),
          length: Number(args.length),
          ...(args.alt_text ? { altText: String(args.alt_text) } : {}),
        });
        return { ok: true, file_id: fileId, upload_url: `${state.base}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as {
          id: string;
          title?: string;
        }[];
        const channel = String(args.channel_id ?? '');
        for (const f of files) {
          const upload = uploads.find((u) => u.fileId === f.id);
          if (!upload?.body) return { ok: false, error: 'file_not_uploaded' };
          upload.channel = channel;
          if (f.title) upload.title = f.title;
          if (args.initial_comment) upload.initialComment = String(args.initial_comment);
        }
        const message = { ts: `${++ts}.000100`, text: args.initial_comment ?? '', files };
        if (channel) posted.set(channel, [...(posted.get(channel) ?? []), message]);
        return { ok: true, files };
      }
      case 'apps.connections.open':
        return { ok: true, url: state.socketUrl };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const bytes = await readRaw(req);
      const raw = bytes.toString('utf8');
      const path = req.url ?? '';
      if (path.startsWith('/upload/')) {
        const upload = uploads.find((u) => u.fileId === path.slice('/upload/'.length));
        if (!upload) return json(res, 404, { ok: false });
        upload.body = bytes;
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`OK - ${bytes.length}`);
      }
      if (path.startsWith('/respond/')) {
        responses.push({
          path,
          body: JSON.parse(raw || '{}') as Record<string, unknown>,
          seq: ++seq,
        });
        return json(res, 200, { ok: true });
      }
      const method = path.replace(/^\/api\//, '').split('?')[0] ?? '';
      const args = decodeArgs(raw, req.headers['content-type']);
      const auth = req.headers.authorization;
      const call: ApiCall = { method, args, token: auth?.replace(/^Bearer /, ''), seq: ++seq };
      calls.push(call);
      const i = failures.findIndex((f) => f.method === method);
      const failure = i >= 0 ? failures.splice(i, 1)[0]?.failure : undefined;
      const result = !failure || failure.applied ? answer(method, args) : {};
      call.result = failure?.body ?? result;
      const delay = delays.get(method);
      if (delay) await new Promise((r) => setTimeout(r, delay));
      json(res, failure?.status ?? 200, call.result, failure?.headers);
    })().catch((err: unknown) => json(res, 500, { ok: false, error: String(err) }));
  });
  const { base, close } = await listenLocally(server);
  state.base = base;

  return {
    apiUrl: `${base}/api/`,
    responseBase: `${base}/respond`,
    calls,
    responses,
    uploads,
    get socketUrl() {
      return state.socketUrl;
    },
    set socketUrl(url: string) {
      state.socketUrl = url;
    },
    workspaceAdmins,
    failNext: (method, failure) => void failures.push({ method, failure }),
    slow: (method, ms) => void delays.set(method, ms),
    of: (method) => calls.filter((c) => c.method === method),
    held: (channel) => [...(posted.get(channel) ?? [])],
    tick: () => ++seq,
    async waitFor(cond, ms = 10_000) {
      const end = Date.now() + ms;
      while (!cond()) {
        if (Date.now() > end) throw new Error('fake Slack API: condition not met in time');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close,
  };
}
