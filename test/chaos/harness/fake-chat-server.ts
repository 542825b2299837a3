/**
 * A fake chat API on 127.0.0.1 for worker processes: the child's HttpChatPlatform (see
 * http-chat-platform.ts) posts JSON here. It counts, per destination, the posts of each alert
 * (recognised by the first source URL) and the edits and thread replies (with the message they
 * reply to and their text); it can fail a share of calls with 500 or 429 (Retry-After) before
 * doing anything, apply a share of posts, edits and replies and *then* answer 500 (the platform
 * kept the message, the bot heard an error), and can call a hook when a post has been accepted
 * but not yet answered (to crash the worker in that window). Messages are tagged with the
 * worker's message key, which `find` looks up (like Slack message metadata). It also speaks the
 * Slack Web API on `/api/<method>` (SLACK_API_URL) for a real `sitrep start` worker: a
 * top-level chat.postMessage counts as a post of the alert whose source URL it names.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLocally } from '../../support/local-server.js';
import { decodeSlackArgs, FakeSlackState } from './fake-slack-methods.js';

export interface ChatCall {
  readonly op: 'post' | 'edit' | 'reply' | 'digest' | 'notify' | 'find';
  readonly destination: string;
  /** The alert's first source URL (post, edit) or the digest's item URLs. */
  readonly keys: readonly string[];
  /** Every chaos report URL the message shows (post, edit). */
  readonly urls: readonly string[];
  /** The message id a post created, or the message a reply answers (its thread). */
  readonly messageId: string;
  /** A thread reply's text. */
  readonly text: string;
  /** Applied, then answered 500 (the platform holds it; the bot heard an error). */
  readonly answeredError: boolean;
  /** Process id of the worker that made the call. */
  readonly worker: number;
  /** The request body as received (hostile-feed runs search it). */
  readonly raw: string;
  readonly at: number;
}

export interface FakeChatOptions {
  /** Share of calls answered 500 or 429 (half each) without effect, 0..1. */
  failRate?: number;
  /** Share of posts, edits and thread replies applied and then answered 500, 0..1. */
  appliedFailRate?: number;
  /** Every post takes this long to answer (a slow chat API), in milliseconds. */
  postDelayMs?: number;
  /** Retry-After sent with a 429, in milliseconds (the header is in seconds, rounded up). */
  retryAfterMs?: number;
  random?: () => number;
}

export interface FakeChat {
  readonly url: string;
  readonly calls: ChatCall[];
  failures: number;
  /** Calls applied and then answered 500. */
  appliedFailures: number;
  /** Called after a post is recorded, before it is answered; may never resolve (crash). */
  onPost: ((call: ChatCall) => Promise<void>) | undefined;
  /** Successful posts per key (alerts and digest lines) to one destination. */
  postsPerKey(destination: string): Map<string, number>;
  close(): Promise<void>;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function keysOf(op: ChatCall['op'], body: Record<string, unknown>): string[] {
  const message = body['message'] as { sources?: { url: string }[] } | undefined;
  if (op === 'digest') {
    const digest = body['digest'] as { items?: { url?: string }[] } | undefined;
    return (digest?.items ?? []).flatMap((i) => (i.url ? [i.url] : []));
  }
  const first = message?.sources?.[0]?.url;
  return first ? [first] : [];
}

const REPORT_URL = /https:\/\/wire\.example\.test\/[\w-]+\/attack-\d+(?:-second|-third)?(?![\w-])/g;

/** Every chaos report URL a message names, first source first. */
function reportUrls(text: string): string[] {
  return [...new Set(text.match(REPORT_URL) ?? [])];
}

/** What a Slack call did to the channel, as the chaos checks count it (null: not a write). */
function slackCall(
  method: string,
  args: Record<string, unknown>,
  result: Record<string, unknown>,
): Omit<ChatCall, 'answeredError' | 'raw' | 'at' | 'worker'> | null {
  if (method !== 'chat.postMessage' && method !== 'chat.update') return null;
  const isPost = method === 'chat.postMessage' && !args['thread_ts'];
  const shown = reportUrls(JSON.stringify(args));
  return {
    op: method === 'chat.update' ? 'edit' : isPost ? 'post' : 'reply',
    destination: String(args['channel'] ?? ''),
    keys: isPost ? shown.slice(0, 1) : [],
    urls: shown,
    messageId: String((isPost ? result['ts'] : (args['thread_ts'] ?? args['ts'])) ?? ''),
    text: String(args['text'] ?? ''),
  };
}

export async function startFakeChat(options: FakeChatOptions = {}): Promise<FakeChat> {
  const random = options.random ?? Math.random;
  let seq = 0;
  const tagged = new Map<string, { channelId: string; messageId: string }>();
  const chat: FakeChat = {
    url: '',
    calls: [],
    failures: 0,
    appliedFailures: 0,
    onPost: undefined,
    postsPerKey(destination) {
      const counts = new Map<string, number>();
      for (const c of this.calls) {
        if (c.destination !== destination || (c.op !== 'post' && c.op !== 'digest')) continue;
        for (const k of c.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return counts;
    },
    close: async () => undefined,
  };
  /** After a write was applied: true when it is to be answered 500 anyway. */
  const answerError = (): boolean => {
    const fail = random() < (options.appliedFailRate ?? 0);
    if (fail) chat.appliedFailures += 1;
    return fail;
  };
  const slack = new FakeSlackState();
  const handleSlack = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
    const args = decodeSlackArgs(raw, req.headers['content-type']);
    const fallible = ['chat.postMessage', 'chat.update', 'conversations.history'].includes(method);
    if (fallible && random() < (options.failRate ?? 0)) {
      chat.failures += 1;
      if (random() < 0.5) return void res.writeHead(500).end('internal');
      const seconds = Math.max(1, Math.ceil((options.retryAfterMs ?? 1000) / 1000));
      res.writeHead(429, { 'retry-after': String(seconds), 'content-type': 'application/json' });
      return void res.end('{"ok":false,"error":"ratelimited"}');
    }
    const result = slack.answer(method, args);
    const write = slackCall(method, args, result);
    const answeredError = write !== null && answerError();
    if (write) {
      const call: ChatCall = { ...write, answeredError, worker: 0, raw, at: Date.now() };
      chat.calls.push(call);
      if (call.op === 'post' && chat.onPost) await chat.onPost(call);
    }
    if (answeredError) return void res.writeHead(500).end('internal');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readText(req);
    if ((req.url ?? '').startsWith('/api/')) return handleSlack(req, res, raw);
    const op = (req.url ?? '').replace(/^\//, '') as ChatCall['op'];
    const body = JSON.parse(raw || '{}') as Record<string, unknown>;
    if (random() < (options.failRate ?? 0)) {
      chat.failures += 1;
      if (random() < 0.5) return void res.writeHead(500).end('{"error":"internal"}');
      const seconds = Math.max(1, Math.ceil((options.retryAfterMs ?? 1000) / 1000));
      return void res.writeHead(429, { 'retry-after': String(seconds) }).end('{"error":"rate"}');
    }
    const destination = String((body['destination'] as { id?: string } | undefined)?.id ?? '');
    const tag = `${destination}|${String(body['key'] ?? '')}`;
    if (op === 'find') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(tagged.get(tag) ?? {}));
    }
    const ref = { channelId: destination, messageId: `m${++seq}` };
    const answeredError = ['post', 'edit', 'reply', 'digest'].includes(op) && answerError();
    const call: ChatCall = {
      op,
      destination,
      keys: keysOf(op, body),
      urls: reportUrls(raw),
      messageId:
        op === 'reply' || op === 'edit'
          ? String((body['ref'] as { messageId?: string } | undefined)?.messageId ?? '')
          : ref.messageId,
      text: String(body['text'] ?? ''),
      answeredError,
      worker: Number(body['worker'] ?? 0),
      raw,
      at: Date.now(),
    };
    chat.calls.push(call);
    if (body['key'] !== undefined) tagged.set(tag, ref);
    if (op === 'post' && chat.onPost) await chat.onPost(call);
    if (op === 'post' && options.postDelayMs)
      await new Promise((r) => setTimeout(r, options.postDelayMs));
    if (answeredError) return void res.writeHead(500).end('{"error":"internal"}');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ref));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(400).end());
  });
  const local = await listenLocally(server);
  (chat as { url: string }).url = local.base;
  chat.close = local.close;
  return chat;
}
