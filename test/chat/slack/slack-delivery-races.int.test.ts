/**
 * One message per incident and each change announced once, with the real Slack front end
 * (WebClient) against the fake Web API, when an incident's versions are delivered close
 * together and Slack keeps a message but answers an error:
 * - v1's chat.postMessage is kept by Slack but answered 500, and v2 is planned meanwhile;
 * - v2 and v3 are both planned before v2's edit is recorded;
 * - v1's first post fails, its retry already shows v2 (the second source), then v2 is planned.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackFrontEndWith } from '../../../src/chat/slack/slack-front-end.js';
import { loadConfig } from '../../../src/config/load-config.js';
import type { Incident } from '../../../src/domain/incident.js';
import type { Destination } from '../../../src/domain/subscription.js';
import { jobIds } from '../../../src/queue/jobs.js';
import { startApp, type App } from '../../../src/main.js';
import { createRedisIncidentStore } from '../../../src/store/redis/redis-incident-store.js';
import { RedisSubscriptionStore } from '../../../src/store/redis/redis-subscription-store.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { reportedBy } from '../../support/make-incident.js';
import { silentLog } from '../../support/slack-harness.js';
import { testRedis, type TestRedis } from '../../support/test-redis.js';
import { waitFor } from '../../support/wait-for.js';

const channel: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: 'C1' };
const SERVER_ERROR = { status: 500, body: { ok: false, error: 'internal_error' } };

let t: TestRedis;
let api: FakeSlackApi;
let app: App | null;

beforeEach(async () => {
  t = testRedis();
  api = await startFakeSlackApi();
  app = null;
});

afterEach(async () => {
  await app?.stop();
  await api.close();
  await t.cleanup();
});

async function start(retryBackoff = '50ms'): Promise<App> {
  const config = loadConfig({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_MODE: 'http',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_PORT: '0',
      SLACK_HOST: '127.0.0.1',
      SLACK_API_URL: api.apiUrl,
    },
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      feeds: [],
      delivery: { perDestinationInterval: '20ms', retryBackoff },
    },
  });
  await new RedisSubscriptionStore(t.redis, t.prefix).create(
    {
      kind: 'route',
      ownerId: 'UADMIN',
      destination: channel,
      query: 'topic:militia-attacks',
      mode: 'live',
    },
    new Date(),
  );
  const fast = slackFrontEndWith({ retryConfig: { retries: 0 } });
  app = await startApp(config, silentLog, [fast]);
  return app;
}

/** Version `v` of one drone attack: reported by outlets 1..v, one timeline entry each. */
const version = (v: number): Incident =>
  reportedBy(v, {
    id: 'inc-r',
    headline: 'Drone attack on Ain al-Asad air base, two US troops hurt',
    topics: ['militia-attacks'],
  });

/** Saves a version of the incident, as the item worker does. */
async function save(incident: Incident): Promise<void> {
  const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
  const saved = await store.save(incident, incident.version === 1 ? null : incident.version - 1);
  expect(saved.ok).toBe(true);
}

/** Enqueues the alert of a saved version, as the item worker does right after saving it. */
async function alert(v: number): Promise<void> {
  await app?.pipeline.queues.alerts.add(
    'alert',
    { incidentId: 'inc-r', version: v, kind: v === 1 ? 'new' : 'update', changes: [] },
    { jobId: jobIds.alert('inc-r', v) },
  );
}

async function settle(): Promise<void> {
  await waitFor(async () => (await app?.pipeline.pending()) === 0, 20_000);
  await new Promise((r) => setTimeout(r, 500)); // nothing more may arrive
}

/** What channel C1 holds: its top-level messages and the thread reply lines under them. */
function channelHolds() {
  const all = api.held('C1');
  const top = all.filter((m) => !m.thread_ts);
  const lines = all
    .filter((m) => m.thread_ts)
    .flatMap((m) =>
      String(m.text)
        .replace(/^Update: /, '')
        .split('\n'),
    );
  return { top, lines };
}

async function postedMetric(): Promise<string> {
  return (
    (await app?.metrics.registry.getSingleMetricAsString('sitrep_chat_deliveries_total')) ?? ''
  );
}

describe('Slack delivery when versions race and Slack keeps a post it answered 500 to', () => {
  it('keeps one message when v1 was kept but answered 500 and v2 was planned meanwhile', async () => {
    await start('1500ms'); // v1's retry comes after v2's job
    api.failNext('chat.postMessage', { ...SERVER_ERROR, applied: true });
    await save(version(1));
    await alert(1);
    await api.waitFor(() => api.of('chat.postMessage').length >= 1);
    await save(version(2));
    await alert(2);
    await settle();
    const { top, lines } = channelHolds();
    expect(top).toHaveLength(1);
    expect(JSON.stringify(top[0]?.blocks)).toContain('Outlet 2'); // edited up to v2
    expect(lines).toEqual(['new source: Outlet 2']);
    // The metric counts what Slack holds: one top-level message.
    expect(await postedMetric()).toContain('{platform="slack",outcome="posted"} 1');
  });

  it('announces each change once when v2 and v3 are planned before v2 is recorded', async () => {
    await start();
    await save(version(1));
    await alert(1);
    await api.waitFor(() => channelHolds().top.length === 1);
    await settle();
    api.slow('chat.update', 1500); // v2's edit is in flight while v3 is planned
    await save(version(2));
    await alert(2);
    await api.waitFor(() => api.of('chat.update').length >= 1);
    await save(version(3));
    await alert(3);
    await settle();
    const { top, lines } = channelHolds();
    expect(top).toHaveLength(1);
    expect(lines.sort()).toEqual(['new source: Outlet 2', 'new source: Outlet 3']);
  });

  it('does not announce a source the first message already shows', async () => {
    await start('1000ms'); // v2 is saved before v1's retry
    api.failNext('chat.postMessage', SERVER_ERROR); // not kept
    await save(version(1));
    await alert(1);
    await api.waitFor(() => api.of('chat.postMessage').length >= 1);
    await save(version(2)); // v1's retry shows the second source already…
    await api.waitFor(() => channelHolds().top.length === 1);
    await alert(2); // …and v2's job, planned after it, must not announce it again
    await settle();
    const { top, lines } = channelHolds();
    expect(top).toHaveLength(1);
    expect(JSON.stringify(top[0]?.blocks)).toContain('Outlet 2');
    expect(lines).toEqual([]);
  });
});
