/**
 * A local WebSub hub for tests (W3C WebSub): takes subscription requests (202), verifies the
 * intent at the subscriber's callback (or denies), and distributes content signed with each
 * subscription's secret — or with a wrong or missing signature when a test asks.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { listenLocally } from './local-server.js';

export interface HubRequest {
  readonly mode: string;
  readonly topic: string;
  readonly callback: string;
  readonly secret?: string;
  readonly leaseSeconds?: number;
}

export interface HubVerification {
  readonly mode: string;
  readonly callback: string;
  readonly topic: string;
  readonly status: number;
  /** The callback echoed the challenge. */
  readonly confirmed: boolean;
  readonly leaseSeconds?: number;
}

export interface HubSubscription {
  readonly callback: string;
  readonly topic: string;
  readonly secret?: string;
  readonly leaseSeconds: number;
}

export interface LocalHub {
  /** The hub URL to advertise ("http://127.0.0.1:<port>/hub"). */
  readonly url: string;
  readonly requests: HubRequest[];
  readonly verifications: HubVerification[];
  /** Verified subscriptions by callback. */
  readonly subscriptions: Map<string, HubSubscription>;
  /** Lease the hub grants (seconds); default: what was asked, else 3600. */
  grantLease?: number;
  /** Status answered to subscription requests (default 202). */
  answer: number;
  /** Deny subscriptions instead of verifying them. */
  deny: boolean;
  /** Resolves once the verifications of every request sent so far are done. */
  settled(): Promise<void>;
  /** POSTs content to every verified subscriber of `topic`; returns their statuses. */
  publish(
    topic: string,
    body: string,
    options?: { signature?: 'valid' | 'bad' | 'none'; method?: string; contentType?: string },
  ): Promise<number[]>;
  /** Sends a verification GET of the hub's choosing (e.g. for a topic never asked for). */
  verify(
    callback: string,
    params: Record<string, string>,
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

/** A port free right now on 127.0.0.1 (for a callback URL that must be known before start). */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startLocalHub(): Promise<LocalHub> {
  const pending = new Set<Promise<void>>();
  const hub = {
    requests: [] as HubRequest[],
    verifications: [] as HubVerification[],
    subscriptions: new Map<string, HubSubscription>(),
    answer: 202,
    deny: false,
  } as Omit<LocalHub, 'url' | 'settled' | 'publish' | 'verify' | 'close'> & { grantLease?: number };

  const verifyIntent = async (r: HubRequest): Promise<void> => {
    const url = new URL(r.callback);
    if (hub.deny) {
      url.search = new URLSearchParams({
        'hub.mode': 'denied',
        'hub.topic': r.topic,
        'hub.reason': 'not allowed in tests',
      }).toString();
      const res = await get(url.href);
      hub.verifications.push({ ...r, mode: 'denied', status: res.status, confirmed: false });
      return;
    }
    const challenge = randomBytes(12).toString('hex');
    const lease = hub.grantLease ?? r.leaseSeconds ?? 3600;
    url.search = new URLSearchParams({
      'hub.mode': r.mode,
      'hub.topic': r.topic,
      'hub.challenge': challenge,
      ...(r.mode === 'subscribe' ? { 'hub.lease_seconds': String(lease) } : {}),
    }).toString();
    const res = await get(url.href);
    const confirmed = res.status >= 200 && res.status < 300 && res.body === challenge;
    hub.verifications.push({
      mode: r.mode,
      callback: r.callback,
      topic: r.topic,
      status: res.status,
      confirmed,
      leaseSeconds: lease,
    });
    if (!confirmed) return;
    if (r.mode === 'subscribe')
      hub.subscriptions.set(r.callback, {
        callback: r.callback,
        topic: r.topic,
        leaseSeconds: lease,
        ...(r.secret ? { secret: r.secret } : {}),
      });
    else hub.subscriptions.delete(r.callback);
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      const form = await readForm(req);
      const lease = Number(form.get('hub.lease_seconds'));
      const secret = form.get('hub.secret');
      const r: HubRequest = {
        mode: form.get('hub.mode') ?? '',
        topic: form.get('hub.topic') ?? '',
        callback: form.get('hub.callback') ?? '',
        ...(secret ? { secret } : {}),
        ...(lease > 0 ? { leaseSeconds: lease } : {}),
      };
      hub.requests.push(r);
      res
        .writeHead(hub.answer, { 'content-type': 'text/plain' })
        .end(hub.answer === 202 ? '' : 'no');
      if (hub.answer !== 202) return;
      // Verification is asynchronous, after the 202 (WebSub §5.3).
      const p = verifyIntent(r).catch(() => undefined);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    })();
  });
  const local = await listenLocally(server);
  return Object.assign(hub, {
    url: `${local.base}/hub`,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async publish(
      topic: string,
      body: string,
      options: { signature?: 'valid' | 'bad' | 'none'; method?: string; contentType?: string } = {},
    ) {
      const statuses: number[] = [];
      for (const s of hub.subscriptions.values()) {
        if (s.topic !== topic) continue;
        const method = options.method ?? 'sha256';
        const key = options.signature === 'bad' ? 'not-the-secret' : (s.secret ?? '');
        const signature = `${method}=${createHmac(method, key).update(body).digest('hex')}`;
        const res = await fetch(s.callback, {
          method: 'POST',
          headers: {
            'content-type': options.contentType ?? 'application/rss+xml',
            link: `<${local.base}/hub>; rel="hub", <${topic}>; rel="self"`,
            ...(options.signature === 'none' ? {} : { 'x-hub-signature': signature }),
          },
          body,
        });
        await res.text();
        statuses.push(res.status);
      }
      return statuses;
    },
    async verify(callback: string, params: Record<string, string>) {
      const url = new URL(callback);
      url.search = new URLSearchParams(params).toString();
      return get(url.href);
    },
    close: local.close,
  });
}
