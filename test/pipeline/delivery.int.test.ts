/**
 * Routing and delivery through the BullMQ pipeline on the real Redis: alerts are planned
 * against routes and subscriptions, delivered per destination to a recording fake platform,
 * paced, retried on a rate limit and disabled on a permanent failure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Incident } from '../../src/domain/incident.js';
import type { Destination } from '../../src/domain/subscription.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type App } from '../../src/main.js';
import { jobIds } from '../../src/queue/jobs.js';
import { ChatError } from '../../src/chat/chat-error.js';
import { RedisDeliveryStore } from '../../src/store/redis/redis-delivery-store.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';
import { RedisSubscriptionStore } from '../../src/store/redis/redis-subscription-store.js';
import type { FrontEndFactory } from '../../src/chat/front-end.js';
import { consoleCapture } from '../support/console-capture.js';
import { makeIncident, reportedBy } from '../support/make-incident.js';
import { frontEndOf, RecordingPlatform } from '../support/recording-platform.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const log = createLogger({ level: 'silent', pretty: false });
const INTERVAL = 400;
const channel: Destination = { platform: 'test', workspaceId: 'W1', kind: 'channel', id: 'C1' };
const dm: Destination = { platform: 'test', workspaceId: 'W1', kind: 'dm', id: 'U1' };

let t: TestRedis;
let platform: RecordingPlatform;
let app: App | null;
let subs: RedisSubscriptionStore;

const drone = (id: string, version = 1): Incident => {
  const now = new Date().toISOString();
  return {
    ...makeIncident({
      id,
      version,
      headline: `Drone attack on a base in Anbar (${id})`,
      topics: ['militia-attacks'],
      firstSeen: now,
      updatedAt: now,
    }),
  };
};

async function start(
  frontEnds: FrontEndFactory[] = [frontEndOf(platform)],
  delivery: Record<string, unknown> = {},
): Promise<App> {
  const config = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      delivery: { perDestinationInterval: `${INTERVAL}ms`, retryBackoff: '50ms', ...delivery },
    },
  });
  app = await startApp(config, log, frontEnds);
  return app;
}

/** Stores an incident version and enqueues its alert, as the item processor does. */
async function alert(incident: Incident): Promise<void> {
  const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
  const saved = await store.save(incident, incident.version === 1 ? null : incident.version - 1);
  expect(saved.ok).toBe(true);
  await enqueue(incident);
}

async function enqueue(incident: Incident, jobId = jobIds.alert(incident.id, incident.version)) {
  await app?.pipeline.queues.alerts.add(
    'alert',
    { incidentId: incident.id, version: incident.version, kind: 'new', changes: [] },
    { jobId },
  );
}

async function settle(): Promise<void> {
  await waitFor(async () => (await app?.pipeline.pending()) === 0);
  await new Promise((r) => setTimeout(r, 300)); // nothing more may arrive
}

beforeEach(async () => {
  t = testRedis();
  platform = new RecordingPlatform();
  app = null;
  subs = new RedisSubscriptionStore(t.redis, t.prefix);
});

afterEach(async () => {
  await app?.stop();
  await t.cleanup();
});

async function routeAndSubscribe(): Promise<{ routeId: string; personalId: string }> {
  const now = new Date();
  const route = await subs.create(
    {
      kind: 'route',
      ownerId: 'admin',
      destination: channel,
      query: 'topic:militia-attacks',
      mode: 'live',
    },
    now,
  );
  const personal = await subs.create(
    { kind: 'personal', ownerId: 'U1', destination: dm, query: 'drone', mode: 'live' },
    now,
  );
  return { routeId: route.id, personalId: personal.id };
}

describe('routing and delivery through the queues', () => {
  it('gives a routed channel and a personal subscription exactly one message each', async () => {
    await routeAndSubscribe();
    await start();
    await alert(drone('inc-a'));
    await settle();
    expect(platform.to('C1').map((c) => c.kind)).toEqual(['post']);
    expect(platform.to('U1').map((c) => c.kind)).toEqual(['post']);
    const record = await new RedisDeliveryStore(t.redis, t.prefix).get(channel, 'inc-a');
    expect(record?.status).toBe('sent');
    expect(record?.messageRef).toEqual(platform.to('C1')[0]?.ref);
  });

  it('edits the earlier message and replies in its thread for an update, never a second post', async () => {
    await routeAndSubscribe();
    await start();
    await alert(drone('inc-b'));
    await settle();
    await alert(drone('inc-b', 2));
    await settle();
    const calls = platform.to('C1');
    expect(calls.map((c) => c.kind)).toEqual(['post', 'edit', 'reply']);
    expect(calls[1]?.ref).toEqual(calls[0]?.ref);
    expect(calls[2]?.ref).toEqual(calls[0]?.ref);
    expect(platform.to('U1').map((c) => c.kind)).toEqual(['post', 'edit', 'reply']);
    const record = await new RedisDeliveryStore(t.redis, t.prefix).get(channel, 'inc-b');
    expect(record).toMatchObject({ version: 2, status: 'sent', messageRef: calls[0]?.ref });
  });

  it('retries a rate-limited post after Retry-After and delivers it once', async () => {
    await routeAndSubscribe();
    platform.failNext('C1', ChatError.transient('ratelimited', 600));
    await start();
    await alert(drone('inc-c'));
    await settle();
    const failed = platform.calls.filter((c) => c.kind === 'failed');
    expect(failed).toHaveLength(1);
    const posts = platform.to('C1');
    expect(posts.map((c) => c.kind)).toEqual(['post']);
    expect((posts[0]?.at ?? 0) - (failed[0]?.at ?? 0)).toBeGreaterThanOrEqual(550);
    expect(platform.to('U1')).toHaveLength(1);
  });

  it('does not post again when a post went through but its answer was lost', async () => {
    await routeAndSubscribe();
    platform.loseNextAnswer('C1');
    await start();
    await alert(drone('inc-l'));
    await settle();
    // The first attempt posted, then failed; the retry found the post and recorded it.
    expect(platform.to('C1').map((c) => c.kind)).toEqual(['post']);
    expect(platform.to('U1').map((c) => c.kind)).toEqual(['post']);
    await alert(drone('inc-l', 2));
    await settle();
    // …and the update edits that post rather than posting anew.
    expect(platform.to('C1').map((c) => c.kind)).toEqual(['post', 'edit', 'reply']);
    const metrics = await app?.metrics.registry.getSingleMetricAsString(
      'sitrep_chat_deliveries_total',
    );
    expect(metrics).toContain(
      'sitrep_chat_deliveries_total{platform="test",outcome="failed_transient"} 1',
    );
    expect(metrics).toContain('sitrep_chat_deliveries_total{platform="test",outcome="posted"} 2');
    expect(metrics).toContain('sitrep_chat_deliveries_total{platform="test",outcome="edited"} 2');
  });

  it('disables a route whose channel is gone, tells its admin, and stops sending to it', async () => {
    const { routeId, personalId } = await routeAndSubscribe();
    platform.failNext('C1', ChatError.permanent('channel_not_found'));
    await start();
    await alert(drone('inc-d'));
    await settle();
    expect(platform.to('C1')).toEqual([]);
    expect((await subs.get(routeId))?.disabled?.reason).toBe('channel_not_found');
    expect((await subs.get(personalId))?.disabled).toBeUndefined();
    expect(platform.calls.filter((c) => c.kind === 'failed')).toHaveLength(1); // no retry
    const notices = platform.notices('admin');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain(`route ${routeId}`);
    expect(notices[0]).toContain('channel_not_found');
    await alert(drone('inc-e'));
    await settle();
    expect(platform.to('C1')).toEqual([]);
    expect(platform.calls.filter((c) => c.kind === 'failed')).toHaveLength(1);
    expect(platform.to('U1')).toHaveLength(2);
    expect(platform.notices('admin')).toHaveLength(1);
  });

  it('paces two alerts to one channel at least the configured interval apart', async () => {
    await routeAndSubscribe();
    await start();
    await alert(drone('inc-f'));
    await alert(drone('inc-g'));
    await settle();
    const posts = platform.to('C1');
    expect(posts).toHaveLength(2);
    // Pace slots are claimed INTERVAL apart; the recorded post times can be a few ms closer
    // (the first post's time is taken after its call returned), so allow that much.
    expect(Math.abs((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0))).toBeGreaterThanOrEqual(
      INTERVAL - 50,
    );
  });

  it('a delivery waiting for its pace slot at shutdown does not post then, and posts once after the restart', async () => {
    await routeAndSubscribe();
    await start(undefined, { perDestinationInterval: '1500ms' });
    await alert(drone('inc-w1'));
    await waitFor(() => platform.to('C1').length === 1);
    await alert(drone('inc-w2'));
    // Its slots (channel and DM) are ~1.5 s away, within the in-process wait: active, waiting.
    await waitFor(async () => {
      const counts = await app?.pipeline.queues.deliveries.getJobCounts('active', 'waiting');
      return (counts?.['active'] ?? 0) > 0 && counts?.['waiting'] === 0;
    });
    await app?.stop();
    app = null;
    expect(platform.to('C1')).toHaveLength(1);
    expect(platform.to('U1')).toHaveLength(1);
    await start(undefined, { perDestinationInterval: '1500ms' });
    await waitFor(() => platform.to('C1').length === 2);
    await settle();
    expect(
      platform.to('C1').map((c) => (c.kind === 'post' ? c.message.incidentId : c.kind)),
    ).toEqual(['inc-w1', 'inc-w2']);
  });

  it('prints every alert once on the console, updates included, through the same delivery path', async () => {
    await routeAndSubscribe();
    const out = consoleCapture();
    await start([out.frontEnd]);
    const v1 = { ...reportedBy(1, { id: 'inc-h' }), topics: ['militia-attacks'] };
    await alert(v1);
    await settle();
    await enqueue(v1, 'the same version again'); // e.g. an item re-processed after a crash
    await alert({ ...reportedBy(2, { id: 'inc-h' }), topics: ['militia-attacks'] });
    await settle();
    expect(out.alerts().map((a) => [a.kind, a.incident, a.version, a.changes])).toEqual([
      ['new', 'inc-h', 1, []],
      ['update', 'inc-h', 2, ['new source: Outlet 2']],
    ]);
    // Routes and subscriptions of platforms without an adapter are left alone.
    expect(platform.calls).toEqual([]);
    const records = await new RedisDeliveryStore(t.redis, t.prefix).listByIncident('inc-h');
    expect(records.map((r) => [r.destination.platform, r.version, r.status])).toEqual([
      ['console', 2, 'sent'],
    ]);
  });

  it('holds a burst for one channel and delivers it as one digest when the window ends', async () => {
    await routeAndSubscribe();
    await start([frontEndOf(platform)], {
      burstThreshold: 1,
      burstWindow: '3s',
      digestCheck: '200ms',
    });
    await alert(drone('inc-i'));
    await settle();
    await alert(drone('inc-j'));
    await alert(drone('inc-k'));
    await waitFor(() => platform.to('C1').some((c) => c.kind === 'digest'));
    await settle();
    const calls = platform.to('C1');
    expect(calls.map((c) => c.kind)).toEqual(['post', 'digest']);
    const digest = calls[1]?.kind === 'digest' ? calls[1].digest : undefined;
    expect(digest?.covers.map((c) => c.incidentId).sort()).toEqual(['inc-j', 'inc-k']);
    expect(platform.to('U1').map((c) => c.kind)).toEqual(['post', 'post', 'post']); // DMs: no burst
    const record = await new RedisDeliveryStore(t.redis, t.prefix).get(channel, 'inc-j');
    expect(record?.status).toBe('sent');
  });
});
