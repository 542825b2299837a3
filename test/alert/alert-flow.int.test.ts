/**
 * The platform-neutral core end to end on the real Redis stores: commands change
 * subscriptions, incidents flow through index → planner → a recording fake platform.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_COMMAND_LIMITS, type CommandDeps } from '../../src/command/command-deps.js';
import type { CommandReply } from '../../src/command/command-types.js';
import { runCommand } from '../../src/command/run-command.js';
import type { Incident } from '../../src/domain/incident.js';
import { RedisDeliveryStore } from '../../src/store/redis/redis-delivery-store.js';
import { RedisMuteStore } from '../../src/store/redis/redis-mute-store.js';
import { RedisSubscriptionStore } from '../../src/store/redis/redis-subscription-store.js';
import { casualty, makeIncident } from '../support/make-incident.js';
import { FakeFeeds, MemoryIncidents } from '../support/memory-stores.js';
import { RecordingPipeline } from '../support/recording-pipeline.js';
import { testGazetteer } from '../support/test-gazetteer.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const gazetteer = testGazetteer();
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
let deps: CommandDeps;
let pipeline: RecordingPipeline;

beforeEach(() => {
  t = testRedis();
  const incidents = new MemoryIncidents([]);
  const feeds = new FakeFeeds();
  deps = {
    incidents,
    subscriptions: new RedisSubscriptionStore(t.redis, t.prefix),
    mutes: new RedisMuteStore(t.redis, t.prefix),
    deliveries: new RedisDeliveryStore(t.redis, t.prefix),
    feedHealth: feeds,
    feedValidator: feeds,
    feedRegistry: feeds,
    topics: [{ id: 'militia-attacks', title: 'Militia attacks', description: 'd', example: 'e' }],
    gazetteer,
    limits: DEFAULT_COMMAND_LIMITS,
  };
  const byId = new Map<string, Incident>();
  pipeline = new RecordingPipeline(deps, gazetteer, byId);
  // The command core sees what the pipeline saw.
  incidents.get = async (id) => byId.get(id) ?? null;
});

afterEach(async () => {
  await t.cleanup();
});

function command(
  text: string,
  now: Date,
  opts: { user?: string; admin?: boolean; dm?: boolean } = {},
): Promise<CommandReply> {
  return runCommand(
    {
      text,
      platform: 'test',
      user: { id: opts.user ?? 'U1', isAdmin: opts.admin ?? false },
      channel: opts.dm === false ? { id: 'C1', isDirect: false } : { id: 'D1', isDirect: true },
      workspaceId: 'W1',
      now,
    },
    deps,
  );
}

describe('subscriptions to delivery, end to end', () => {
  it('delivers exactly one message; an update edits and threads; unsubscribe stops it', async () => {
    expect((await command('subscribe Kataib Hezbollah', at('09:00'))).title).toBe(
      'Subscribed (s1)',
    );
    expect((await command('subscribe place:anbar', at('09:00'))).title).toBe('Subscribed (s2)');
    await pipeline.alert(unrelated, at('10:00'));
    await pipeline.alert(militia('inc-1'), at('10:00'));
    await pipeline.alert(militia('inc-1'), at('10:01')); // the same version again
    expect(pipeline.sent.map((m) => [m.kind, m.destination.kind, m.destination.id])).toEqual([
      ['post', 'dm', 'U1'],
    ]);
    const first = pipeline.sent[0];
    if (first?.kind !== 'post') throw new Error('expected a post');

    const update = militia('inc-1', 2, {
      timeline: [{ at: 'x', version: 2, description: 'injured (US): 2 → 3', sourceItemId: 'b' }],
    });
    await pipeline.alert(update, at('10:30'));
    expect(pipeline.sent.slice(1)).toMatchObject([
      { kind: 'edit', ref: first.ref, message: { version: 2 } },
      { kind: 'thread', ref: first.ref, text: 'injured (US): 2 → 3' },
    ]);

    await command('unsubscribe s1', at('11:00'));
    await command('unsubscribe place:anbar', at('11:00'));
    await pipeline.alert(militia('inc-2'), at('11:30'));
    expect(pipeline.sent).toHaveLength(3);
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
    await pipeline.alert(militia('inc-1'), at('10:00'));
    expect(pipeline.sent.map((m) => `${m.destination.kind}:${m.destination.id}`).sort()).toEqual([
      'channel:C1',
      'dm:U2',
    ]);
  });

  it('mute holds alerts of the topic here; the parse error explains itself', async () => {
    const bad = await command('subscribe (drone OR', at('09:00'));
    expect(bad.error?.code).toBe('bad_query');
    expect(bad.text).toContain('column 10: expected a word');
    await command('subscribe drone', at('09:00'));
    expect((await command('mute militia-attacks for 2h', at('09:00'))).text).toMatch(/^Muted/);
    await pipeline.alert(militia('inc-1'), at('10:00'));
    expect(pipeline.sent).toEqual([]);
    await pipeline.alert(militia('inc-2'), at('11:30'));
    expect(pipeline.sent.map((m) => m.kind)).toEqual(['post']);
  });

  it('quiet hours hold alerts and the digest delivers them once; urgent ones come through', async () => {
    await command('subscribe drone --quiet 09:00-12:00 --tz UTC --urgent 3', at('08:00'));
    await pipeline.alert(militia('inc-1'), at('10:00'));
    await pipeline.alert(militia('inc-2'), at('10:15'));
    await pipeline.alert(
      militia('inc-3', 1, {
        ...militia('inc-3'),
        facts: { ...militia('inc-3').facts, casualties: [casualty('us', 3, 0)] },
      }),
      at('10:20'),
    );
    expect(pipeline.sent.map((m) => (m.kind === 'post' ? m.message.incidentId : m.kind))).toEqual([
      'inc-3',
    ]);
    await pipeline.releaseDigests(at('11:59'));
    expect(pipeline.sent).toHaveLength(1);
    await pipeline.releaseDigests(at('12:00'));
    await pipeline.releaseDigests(at('12:05'));
    const digests = pipeline.sent.filter((m) => m.kind === 'digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      destination: { kind: 'dm', id: 'U1' },
      digest: { title: 'While you were away: 2 incidents' },
    });
  });
});
