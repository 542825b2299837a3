import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { WebSubConfig } from '../../config/schema.js';
import type { Logger } from '../../log/logger.js';
import type { WebSubLeaseStore, WebSubSubscription } from '../../store/websub-lease-store.js';
import { checkSignature } from './signature.js';
import type { NotificationOutcome, WebSubMetrics } from './websub-metrics.js';

/** Verified new content for a feed, as the hub delivered it. */
export interface WebSubNotification {
  readonly feedId: string;
  readonly topic: string;
  readonly body: Buffer;
  readonly contentType?: string;
}

export interface CallbackDeps {
  readonly config: WebSubConfig;
  readonly leases: WebSubLeaseStore;
  /** Where verified content goes; a rejection answers 500 so the hub delivers it again. */
  readonly onNotification: (n: WebSubNotification) => Promise<void>;
  /** Polls a feed whose push stopped at once (see WebSubDeps.pollNow). */
  readonly pollNow: (feedId: string) => Promise<void>;
  readonly metrics: WebSubMetrics;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** The path prefix of every callback on the HTTP server. */
export const CALLBACK_PATH = '/websub/';

interface Reply {
  readonly status: number;
  readonly body?: string;
}

/** Reads at most `max` bytes; null when the body is larger (the rest is not read). */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) return resolve(null);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The subscriber's callback (WebSub §5.3 verification of intent, §7 content distribution),
 * served at `/websub/<subscription id>` by the HTTP server.
 */
export class WebSubCallback {
  private readonly now: () => Date;

  constructor(private readonly deps: CallbackDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Answers one request under CALLBACK_PATH. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://callback.invalid');
    const id = decodeURIComponent(url.pathname.slice(CALLBACK_PATH.length));
    let reply: Reply;
    if (req.method === 'GET') reply = await this.verify(id, url.searchParams);
    else if (req.method === 'POST') {
      const body = await readCapped(req, this.deps.config.maxBodyBytes);
      reply = body
        ? await this.deliver(id, req.headers, body)
        : this.count('too_large', { status: 413, body: 'payload too large\n' });
    } else reply = { status: 405, body: 'GET (verification) or POST (content) only\n' };
    res.writeHead(reply.status, {
      'content-type': 'text/plain',
      ...(reply.status === 413 ? { connection: 'close' } : {}),
    });
    res.end(reply.body ?? '');
  }

  /** Verification of intent: echo the challenge only for what we asked for, 404 otherwise. */
  async verify(id: string, q: URLSearchParams): Promise<Reply> {
    const mode = q.get('hub.mode') ?? '';
    const topic = q.get('hub.topic');
    const challenge = q.get('hub.challenge');
    const sub = id ? await this.deps.leases.get(id) : null;
    const known = sub !== null && topic === sub.topic;
    const label = ['subscribe', 'unsubscribe', 'denied'].includes(mode) ? mode : 'other';
    const refuse = (why: string): Reply => {
      this.deps.metrics.verifications.inc({ mode: label, outcome: 'refused' });
      this.deps.log.warn({ mode, topic, subscription: id }, `WebSub: verification refused: ${why}`);
      return { status: 404, body: 'not found\n' };
    };
    if (!sub || !known) return refuse(sub ? 'topic does not match' : 'no such subscription');
    const confirmed = () =>
      this.deps.metrics.verifications.inc({ mode: label, outcome: 'confirmed' });
    if (mode === 'denied') {
      await this.denied(sub, q.get('hub.reason'));
      confirmed();
      return { status: 200, body: 'ok\n' };
    }
    if (!challenge) return refuse('no hub.challenge');
    if (mode === 'subscribe' && sub.state !== 'unsubscribing' && sub.state !== 'denied') {
      await this.activate(sub, Number(q.get('hub.lease_seconds')));
      confirmed();
      return { status: 200, body: challenge };
    }
    if (mode === 'unsubscribe' && sub.state === 'unsubscribing') {
      await this.deps.leases.remove(sub.id);
      confirmed();
      this.deps.log.info({ feedId: sub.feedId }, `WebSub: ${sub.feedId} unsubscribed`);
      return { status: 200, body: challenge };
    }
    return refuse(`${mode || 'no mode'} was not asked for (subscription ${sub.state})`);
  }

  /** A verified lease (new or renewed); the hub's lease wins over the one asked for. */
  private async activate(sub: WebSubSubscription, granted: number): Promise<void> {
    const lease =
      Number.isInteger(granted) && granted > 0 ? granted : this.deps.config.leaseSeconds;
    const now = this.now().getTime();
    // Renewed when three quarters of the lease have run.
    await this.deps.leases.activate(
      sub,
      lease,
      new Date(now + lease * 1000),
      new Date(now + lease * 750),
    );
    const first = sub.state !== 'active';
    const every = Math.round(this.deps.config.safetyPollInterval / 1000);
    this.deps.log[first ? 'info' : 'debug'](
      { feedId: sub.feedId, hub: sub.hub, leaseSeconds: lease },
      `WebSub: ${sub.feedId} ${first ? 'subscribed' : 'renewed'} at ${sub.hub} for ${lease}s; safety poll every ${every}s`,
    );
  }

  /** The hub said no (now or later, §5.2): poll the feed as usual and ask again much later. */
  private async denied(sub: WebSubSubscription, reason: string | null): Promise<void> {
    await this.deps.leases.update(sub.id, {
      state: 'denied',
      lastError: `hub denied: ${reason ?? 'no reason given'}`,
    });
    await this.deps.leases.deactivate(sub.feedId);
    await this.deps.pollNow(sub.feedId);
    const retry = new Date(this.now().getTime() + this.deps.config.rediscoverInterval);
    await this.deps.leases.schedule(sub.id, retry);
    this.deps.log.warn(
      { feedId: sub.feedId, reason },
      `WebSub: hub denied ${sub.feedId}; polling it as usual`,
    );
  }

  /** Content distribution: only correctly signed content goes on; 2xx either way (§7.1). */
  async deliver(id: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Reply> {
    const sub = id ? await this.deps.leases.get(id) : null;
    // 410 Gone tells the hub to drop a subscription we do not have (§7).
    if (!sub) return this.count('unknown', { status: 410, body: 'gone\n' });
    const check = checkSignature(headers['x-hub-signature'], body, sub.secret);
    if (check !== 'valid') {
      const outcome = check === 'missing' ? 'missing_signature' : 'bad_signature';
      this.deps.log.warn(
        { feedId: sub.feedId, outcome },
        `WebSub: content for ${sub.feedId} ignored: ${check} X-Hub-Signature`,
      );
      // Same answer as for good content: no oracle for guessing signatures.
      return this.count(outcome, { status: 202, body: 'accepted\n' });
    }
    if (sub.state === 'unsubscribing' || sub.state === 'denied')
      return this.count('unwanted', { status: 410, body: 'gone\n' });
    try {
      await this.deps.onNotification({
        feedId: sub.feedId,
        topic: sub.topic,
        body,
        ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
      });
    } catch (err) {
      this.deps.log.error({ err, feedId: sub.feedId }, 'WebSub: could not take the content');
      return this.count('failed', { status: 500, body: 'try again\n' });
    }
    this.deps.log.debug({ feedId: sub.feedId, bytes: body.length }, 'WebSub: content received');
    return this.count('accepted', { status: 202, body: 'accepted\n' });
  }

  private count(outcome: NotificationOutcome, reply: Reply): Reply {
    this.deps.metrics.notifications.inc({ outcome });
    return reply;
  }
}
