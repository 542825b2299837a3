/**
 * The Slack Web API methods a `sitrep start` worker calls, answered by the chaos fake chat API
 * (fake-chat-server.ts) on `/api/<method>`: auth.test, chat.postMessage (kept per channel with
 * its metadata, for conversations.history / replies, which findPosted reads), chat.update,
 * conversations.open, users.info, views.publish.
 */

export interface SlackMessage {
  readonly ts: string;
  readonly thread_ts?: string;
  readonly metadata?: unknown;
}

export function decodeSlackArgs(
  raw: string,
  contentType: string | undefined,
): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    try {
      out[k] = /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v;
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export class FakeSlackState {
  private ts = 1_700_000_000;
  private readonly posted = new Map<string, SlackMessage[]>();

  answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = String(args['channel'] ?? '');
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', team: 'Chaos' };
      case 'chat.postMessage': {
        const message: SlackMessage = {
          ts: `${++this.ts}.000100`,
          ...(args['thread_ts'] ? { thread_ts: String(args['thread_ts']) } : {}),
          ...(args['metadata'] ? { metadata: args['metadata'] } : {}),
        };
        this.posted.set(channel, [...(this.posted.get(channel) ?? []), message]);
        return { ok: true, channel, ts: message.ts, message };
      }
      case 'conversations.history': {
        const top = (this.posted.get(channel) ?? []).filter((m) => !m.thread_ts);
        const limit = Number(args['limit'] ?? 100);
        return { ok: true, messages: [...top].reverse().slice(0, limit), has_more: false };
      }
      case 'conversations.replies': {
        const thread = (this.posted.get(channel) ?? []).filter(
          (m) => m.thread_ts === args['ts'] || m.ts === args['ts'],
        );
        return { ok: true, messages: thread, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel, ts: args['ts'] };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args['users'])}` } };
      case 'users.info':
        return { ok: true, user: { id: String(args['user']), is_admin: false } };
      case 'views.publish':
        return { ok: true, view: { id: 'V1' } };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
