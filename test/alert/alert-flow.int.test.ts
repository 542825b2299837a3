/**
 * Subscriptions to delivery, end to end through the real worker (startApp: the alert and
 * delivery processors on BullMQ and the Redis stores) with a recording fake ChatPlatform:
 * commands change subscriptions, incidents flow through index → planner → delivery → record.
 * The clock is the test's, so quiet hours, mutes and digests run on a fixed day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandReply } from '../../src/command/command-types.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Incident } from '../../src/domain/incident.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type App } from '../../src/main.js';
import { jobIds } from '../../src/queue/jobs.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';
import { casualty, makeIncident } from '../support/make-incident.js';
import { frontEndOf, RecordingPlatform, type PlatformCall } from '../support/recording-platform.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const log = createLogger({ level: 'silent', pretty: false });
const at = (hhmm: string): Date => new Date(`2026-03-01T${hhmm}:00Z`);

const militia = (id: string, version = 1, extra: Partial<Incident> = {}): Incident => ({
  ...makeIncident({
    id,
    version,
    headline: 'Drone attack on Ayn al-Asad blamed on Kata’ib Hizbollah',
    summary: 'Two US service members were lightly wounded.',
    topics: ['militia-attacks'],
    actors: [{ name: "Kata'ib Hezbollah", side: 'militia', id: 'kataib-hezbollah' }],
    location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
    casualties: [casualty('us', 0, 2)],
  }),
  ...extra,
});
const unrelated = makeIncident({
  id: 'other-1',
  headline: 'Parliament debates budget',
  topics: ['presence-politics'],
  type: 'Political statement',
  subType: null,
});

let t: TestRedis;
let app: App;
let platform: RecordingPlatform;
let clock: Date;
const saved = new Map<string, number>();

beforeEach(async () => {
  t = testRedis();
  platform = new RecordingPlatform();
  clock = at('08:00');
  saved.clear();
  const config = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      feeds: [],
      delivery: { perDestinationInterval: '0ms', digestCheck: '100ms' },
    },
  });
  app = await startApp(config, log, [frontEndOf(platform)], { now: () => clock });
});

afterEach(async () => {
  await app.stop();
  await t.cleanup();
});

/** What reached the platform: posts, edits, thread replies and digests (not failures). */
const sent = (): Exclude<PlatformCall, { kind: 'failed' | 'notice' }>[] =>
  platform.calls.filter(
    (c): c is Exclude<PlatformCall, { kind: 'failed' | 'notice' }> =>
      c.kind !== 'failed' && c.kind !== 'notice',
  );

async function settle(): Promise<void> {
  await waitFor(async () => (await app.pipeline.pending()) === 0);
  await new Promise((r) => setTimeout(r, 300)); // nothing more may arrive
}

/**
 * A new incident or an update arrives at `now`, as the item processor hands it on: the
 * version is saved, then its alert job is enqueued (`jobId`: another id re-enqueues it).
 */
async function alert(incident: Incident, now: Date, jobId?: string): Promise<void> {
  clock = now;
  const store = createRedisIncidentStore(t.redis, {
    prefix: t.prefix,
    retentionMs: 30 * 86_400_000,
  });
  if (saved.get(incident.id) !== incident.version) {
    const r = await store.save(incident, saved.get(incident.id) ?? null);
    expect(r.ok).toBe(true);
    saved.set(incident.id, incident.version);
  }
  await app.pipeline.queues.alerts.add(
    'alert',
    { incidentId: incident.id, version: incident.version, kind: 'new', changes: [] },
    { jobId: jobId ?? jobIds.alert(incident.id, incident.version) },
  );
  await settle();
}

/** The digest scheduler's ticks at `now` (it runs every 100 ms). */
async function digestTicksAt(now: Date): Promise<void> {
  clock = now;
  await new Promise((r) => setTimeout(r, 400));
  await settle();
}

function command(
  text: string,
  now: Date,
  opts: { user?: string; admin?: boolean; dm?: boolean } = {},
): Promise<CommandReply> {
  clock = now;
  return app.commands.run({
    text,
    platform: 'test',
    user: { id: opts.user ?? 'U1', isAdmin: opts.admin ?? false },
    channel: opts.dm === false ? { id: 'C1', isDirect: false } : { id: 'D1', isDirect: true },
    workspaceId: 'W1',
    now,
  });
}

describe('subscriptions to delivery, end to end', () => {
  it('delivers exactly one message; an update edits and threads; unsubscribe stops it', async () => {
    expect((await command('subscribe Kataib Hezbollah', at('09:00'))).title).toBe(
      'Subscribed (s1)',
    );
    expect((await command('subscribe place:anbar', at('09:00'))).title).toBe('Subscribed (s2)');
    await alert(unrelated, at('10:00'));
    await alert(militia('inc-1'), at('10:00'));
    await alert(militia('inc-1'), at('10:01'), 'the same version again');
    expect(sent().map((m) => [m.kind, m.destination.kind, m.destination.id])).toEqual([
      ['post', 'dm', 'U1'],
    ]);
    const first = sent()[0];
    if (first?.kind !== 'post') throw new Error('expected a post');

    const update = militia('inc-1', 2, {
      timeline: [{ at: 'x', version: 2, description: 'injured (US): 2 → 3', sourceItemId: 'b' }],
    });
    await alert(update, at('10:30'));
    expect(sent().slice(1)).toMatchObject([
      { kind: 'edit', ref: first.ref, message: { version: 2 } },
      { kind: 'reply', ref: first.ref, text: 'injured (US): 2 → 3' },
    ]);

    await command('unsubscribe s1', at('11:00'));
    await command('unsubscribe place:anbar', at('11:00'));
    await alert(militia('inc-2'), at('11:30'));
    expect(sent()).toHaveLength(3);
    const why = await command('why inc-1', at('12:00'));
    expect(why.items?.map((i) => i.text)).toContain('DM U1: v2 sent 2026-03-01 10:30');
  });

  it('routes to a channel and DMs each person once, whatever they subscribe twice', async () => {
    expect((await command('route militia-attacks', at('09:00'), { dm: false })).error?.code).toBe(
      'admin_only',
    );
    await command('route militia-attacks', at('09:00'), { admin: true, dm: false });
    await command('subscribe drone', at('09:00'), { user: 'U2' });
    await command('subscribe "Ain al-Asad"', at('09:00'), { user: 'U2' });
    await command('subscribe rocket', at('09:00'), { user: 'U3' });
    await alert(militia('inc-1'), at('10:00'));
    expect(
      sent()
        .map((m) => `${m.destination.kind}:${m.destination.id}`)
        .sort(),
    ).toEqual(['channel:C1', 'dm:U2']);
  });

  it('mute holds alerts of the topic here; the parse error explains itself', async () => {
    const bad = await command('subscribe (drone OR', at('09:00'));
    expect(bad.error?.code).toBe('bad_query');
    expect(bad.text).toContain('column 10: expected a word');
    await command('subscribe drone', at('09:00'));
    expect((await command('mute militia-attacks for 2h', at('09:00'))).text).toMatch(/^Muted/);
    await alert(militia('inc-1'), at('10:00'));
    expect(sent()).toEqual([]);
    await alert(militia('inc-2'), at('11:30'));
    expect(sent().map((m) => m.kind)).toEqual(['post']);
  });

  it('quiet hours hold alerts and the digest delivers them once; urgent ones come through', async () => {
    await command('subscribe drone --quiet 09:00-12:00 --tz UTC --urgent 3', at('08:00'));
    await alert(militia('inc-1'), at('10:00'));
    await alert(militia('inc-2'), at('10:15'));
    await alert(
      militia('inc-3', 1, {
        ...militia('inc-3'),
        facts: { ...militia('inc-3').facts, casualties: [casualty('us', 3, 0)] },
      }),
      at('10:20'),
    );
    expect(sent().map((m) => (m.kind === 'post' ? m.message.incidentId : m.kind))).toEqual([
      'inc-3',
    ]);
    await digestTicksAt(at('11:59'));
    expect(sent()).toHaveLength(1);
    await digestTicksAt(at('12:00'));
    await digestTicksAt(at('12:05'));
    const digests = sent().filter((m) => m.kind === 'digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      destination: { kind: 'dm', id: 'U1' },
      digest: { title: 'While you were away: 2 incidents' },
    });
  });
});
