/**
 * The console as a chat platform: alerts are printed to a stream (stdout), as a readable block
 * or one JSON object a line. It has no threads and cannot change what it printed, so:
 *
 *   post        prints the alert (NEW);
 *   edit        prints the alert again as an UPDATE, with what changed since the version the
 *               console last showed (the delivery worker's `whatChanged`);
 *   reply       prints nothing: the UPDATE block already lists those changes;
 *   postDigest  prints the digest's lines.
 *
 * Delivery goes through the same worker as Slack and Discord (plan, lock, delivery record, post
 * keys). The adapter remembers what it printed in this process, so a retry after an error heard
 * after printing (e.g. Redis failing while the record is written) finds the earlier post
 * (`findPosted`) and an edit repeated for the same version prints nothing (edits are idempotent
 * by contract).
 */
import type { AlertMessage } from '../../alert/alert-message.js';
import type { DigestMessage } from '../../alert/digest-message.js';
import { destinationKey, type Destination, type MessageRef } from '../../domain/subscription.js';
import type { ChatPlatform } from '../chat-platform.js';
import { ChatError } from '../chat-error.js';

/** How many posts and edits the console remembers for retries (oldest forgotten first). */
const REMEMBERED = 10_000;

type Kind = 'new' | 'update';

function block(kind: Kind, m: AlertMessage): string {
  const head = kind === 'new' ? '🚨 NEW INCIDENT' : `↻ UPDATE (v${m.version})`;
  const first = m.sources[0];
  const lines = [
    `${head} ${m.incidentId}: ${m.title}`,
    // The summary opens with the facts line (type, place, casualties, actors).
    ...(m.summary ? [`  ${m.summary.replace(/\n/g, '\n  ')}`] : []),
    `  ${m.context} · ${m.outlets}`,
    ...(first ? [`  source: ${first.outlet || '?'} ${first.url}`] : []),
    ...(m.why ? [`  why: ${m.why}`] : []),
    ...changes(m).map((c) => `  changed: ${c}`),
    '',
  ];
  return lines.join('\n');
}

function changes(m: AlertMessage): string[] {
  return m.whatChanged ? m.whatChanged.split('\n').filter((l) => l.trim() !== '') : [];
}

function json(kind: Kind, m: AlertMessage): string {
  return JSON.stringify({
    kind,
    incident: m.incidentId,
    version: m.version,
    title: m.title,
    facts: Object.fromEntries(m.fields.map((f) => [f.label.toLowerCase(), f.value])),
    summary: m.summary,
    context: m.context,
    why: m.why ?? '',
    sources: m.sources.map((s) => ({ outlet: s.outlet, url: s.url })),
    changes: changes(m),
  });
}

function digestText(d: DigestMessage, asJson: boolean): string {
  if (asJson)
    return JSON.stringify({
      kind: 'digest',
      title: d.title,
      items: d.items.map((i) => ({ incident: i.incidentId, version: i.version, line: i.line })),
    });
  return [`📰 ${d.title}`, ...d.items.map((i) => `  • ${i.incidentId}: ${i.line}`), ''].join('\n');
}

/** A Map that forgets its oldest entries beyond `REMEMBERED`. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > REMEMBERED) map.delete(map.keys().next().value as string);
}

export interface ConsoleOptions {
  /** One JSON object a line instead of readable blocks. */
  readonly json: boolean;
}

export function createConsolePlatform(
  out: NodeJS.WritableStream,
  options: ConsoleOptions,
): ChatPlatform {
  const posted = new Map<string, MessageRef>();
  const shown = new Map<string, number>();
  let seq = 0;
  const write = (text: string): Promise<void> =>
    new Promise((resolve, reject) => {
      out.write(`${text}\n`, (err) =>
        err
          ? reject(new ChatError('transient', 'console write failed', { cause: err }))
          : resolve(),
      );
    });
  const print = async (destination: Destination, key: string, text: string) => {
    await write(text);
    const ref = { channelId: destination.id, messageId: `console-${++seq}` };
    remember(posted, `${destinationKey(destination)}|${key}`, ref);
    return ref;
  };
  return {
    platform: 'console',
    unpaced: true,
    async post(destination, message, key) {
      const ref = await print(
        destination,
        key,
        options.json ? json('new', message) : block('new', message),
      );
      remember(shown, ref.messageId, message.version);
      return ref;
    },
    async edit(_destination, ref, message) {
      if ((shown.get(ref.messageId) ?? 0) >= message.version) return;
      await write(options.json ? json('update', message) : block('update', message));
      remember(shown, ref.messageId, message.version);
    },
    async postDigest(destination, digest, key) {
      return print(destination, key, digestText(digest, options.json));
    },
    async reply(destination, ref, _text, key) {
      remember(posted, `${destinationKey(destination)}|${key}`, ref);
    },
    async findPosted(destination, key) {
      return posted.get(`${destinationKey(destination)}|${key}`) ?? null;
    },
    async notify() {
      // Notices are for chat admins (a disabled route); the console has none.
    },
  };
}
