import { beforeEach, describe, expect, it } from 'vitest';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
import {
  FakeFeeds,
  memoryCommandDeps,
  MemoryMuteStore,
  MemorySubscriptionStore,
} from '../../test/support/memory-stores.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest } from './command-types.js';
import { runCommand } from './run-command.js';

const now = new Date('2026-03-01T12:00:00Z');
const drone = makeIncident({
  id: 'inc-1',
  headline: "Drone hits Ain al-Asad; Kata'ib Hezbollah blamed",
  summary: 'Two US troops were injured.',
  topics: ['militia-attacks', 'casualties'],
  actors: [{ name: "Kata'ib Hezbollah", side: 'militia', id: 'kataib-hezbollah' }],
  location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
  casualties: [casualty('us', 0, 2)],
  firstSeen: '2026-03-01T08:00:00Z',
  sources: [{ outlet: 'Wire', url: 'https://wire.example/1' }],
});
const raid = makeIncident({
  id: 'inc-2',
  headline: 'Joint raid kills ISIS cell leader in Hamrin mountains',
  topics: ['counter-isis'],
  type: 'Battles',
  subType: 'Armed clash',
  casualties: [casualty('isis', 4, null)],
  firstSeen: '2026-02-25T08:00:00Z',
});

let subs: MemorySubscriptionStore;
let mutes: MemoryMuteStore;
let feeds: FakeFeeds;
let deps: CommandDeps;

beforeEach(() => {
  subs = new MemorySubscriptionStore();
  mutes = new MemoryMuteStore();
  feeds = new FakeFeeds();
  deps = memoryCommandDeps([drone, raid], { subscriptions: subs, mutes, feeds });
});

function req(
  text: string,
  opts: { admin?: boolean; dm?: boolean; user?: string } = {},
): CommandRequest {
  return {
    text,
    platform: 'test',
    user: { id: opts.user ?? 'U1', isAdmin: opts.admin ?? false },
    channel: { id: opts.dm ? 'D1' : 'C1', isDirect: opts.dm ?? false },
    workspaceId: 'W1',
    now,
  };
}

const run = (text: string, opts: Parameters<typeof req>[1] = {}): Promise<CommandReply> =>
  runCommand(req(text, opts), deps);

describe('runCommand', () => {
  it('answers help, topics and unknown subcommands with usage, never throwing', async () => {
    const help = await run('');
    expect(help.items?.length).toBe(15);
    expect((await run('help subscribe')).items?.[0]?.text).toBe(
      '/sitrep subscribe topic:casualties',
    );
    expect((await run('help nope')).error?.code).toBe('usage');
    const unknown = await run('subscirbe drone');
    expect(unknown.error).toEqual({
      code: 'unknown_subcommand',
      message: 'There is no /sitrep subscirbe. Did you mean /sitrep subscribe?',
    });
    expect((await run('topics')).items?.map((i) => i.id)).toEqual([
      'militia-attacks',
      'counter-isis',
    ]);
  });

  it('lists recent incidents with N, a query and since', async () => {
    const day = await run('recent');
    expect(day.items?.map((i) => i.id)).toEqual(['inc-1']);
    expect(day.items?.[0]?.url).toBe('https://wire.example/1');
    expect((await run('recent since 7d')).items?.map((i) => i.id)).toEqual(['inc-1', 'inc-2']);
    expect((await run('recent 1 since 7d')).items?.map((i) => i.id)).toEqual(['inc-1']);
    expect((await run('recent 5 isis since 7d')).items?.map((i) => i.id)).toEqual(['inc-2']);
    expect((await run('recent 500')).error?.code).toBe('usage');
    expect((await run('recent since yesterday')).error?.code).toBe('bad_option');
  });

  it('searches with the query language and explains parse errors', async () => {
    expect((await run('search "Kataib Hizbollah" injured>=2')).items?.map((i) => i.id)).toEqual([
      'inc-1',
    ]);
    const bad = await run('search drone AND');
    expect(bad.error?.code).toBe('bad_query');
    expect(bad.text).toContain('drone AND\n         ^\n');
    expect((await run('search')).error?.code).toBe('usage');
  });

  it('shows an incident card and why it matched', async () => {
    const card = await run('incident inc-1');
    expect(card.fields?.find((f) => f.label === 'Casualties')?.value).toBe(
      'US: 0 killed, 2 injured',
    );
    expect(card.items?.[0]?.url).toBe('https://wire.example/1');
    expect(card.buttons?.map((b) => b.command)).toContain('mute militia-attacks for 8h');
    expect((await run('incident nope')).error?.code).toBe('not_found');
    await run('subscribe place:anbar');
    const why = await run('why inc-1');
    expect(why.text).toBe('test incident');
    expect(why.items?.[0]?.text).toBe('Your subscription s1: place:anbar');
    expect((await run('why')).error?.code).toBe('usage');
  });

  it('subscribes, lists, dedupes and unsubscribes by id or query', async () => {
    const r = await run(
      'subscribe Kataib Hezbollah --quiet 22:00-07:00 --tz Asia/Baghdad --urgent 1',
    );
    expect(r.title).toBe('Subscribed (s1)');
    const sub = await subs.get('s1');
    expect(sub).toMatchObject({
      kind: 'personal',
      destination: { kind: 'dm', id: 'U1' },
      quietHours: { start: '22:00', end: '07:00', timeZone: 'Asia/Baghdad', urgentKilled: 1 },
    });
    expect((await run('subscribe "kata\'ib hizbollah"')).text).toMatch(/^Already subscribed: s1/);
    await run('subscribe topic:casualties --digest daily');
    expect((await run('subscriptions')).items?.map((i) => i.text)).toEqual([
      's1: Kataib Hezbollah (quiet 22:00–07:00 Asia/Baghdad)',
      's2: topic:casualties (daily digest)',
    ]);
    expect((await run('subscriptions', { user: 'U2' })).title).toBe('No subscriptions yet');
    expect((await run('unsubscribe s2', { user: 'U2' })).error?.code).toBe('not_found');
    expect((await run('unsubscribe TOPIC:Casualties')).text).toMatch(/^Unsubscribed from s2/);
    expect((await run('unsubscribe s1')).text).toMatch(/^Unsubscribed from s1/);
    expect(subs.subs.size).toBe(0);
  });

  it('rejects bad subscribe arguments with the reason', async () => {
    expect((await run('subscribe')).error?.code).toBe('usage');
    expect((await run('subscribe (drone')).error?.code).toBe('bad_query');
    expect((await run('subscribe drone --digest weekly')).error?.message).toMatch(
      /live, hourly or daily/,
    );
    expect((await run('subscribe drone --quiet 25:00-07:00')).error?.code).toBe('bad_option');
    expect(
      (await run('subscribe drone --quiet 22:00-07:00 --tz Mars/Base')).error?.message,
    ).toMatch(/time zone/);
    expect((await run('subscribe drone --colour red')).error?.message).toMatch(
      /Unknown option --colour/,
    );
    expect((await run('subscribe drone --tz UTC')).error?.code).toBe('bad_option');
    expect(subs.subs.size).toBe(0);
  });

  it('refuses admin-only subcommands to others with a clear message', async () => {
    for (const text of [
      'route militia-attacks',
      'unroute s1',
      'subscribe here drone',
      'feeds add https://x.example/rss',
      'feeds remove x',
      'mute militia-attacks',
    ]) {
      const r = await run(text);
      expect(r.error?.code, text).toBe('admin_only');
      expect(r.ephemeral).toBe(true);
      expect(r.error?.message).toMatch(/^Only workspace admins can /);
    }
    expect(subs.subs.size).toBe(0);
    expect(mutes.mutes).toEqual([]);
    expect(feeds.added).toEqual([]);
  });

  it('routes topics and queries into a channel, lists and removes them', async () => {
    expect((await run('route Militia Attacks', { admin: true })).title).toBe('Route added (s1)');
    expect((await run('route drone place:erbil --digest hourly', { admin: true })).ephemeral).toBe(
      false,
    );
    expect((await run('route militia-attacks', { admin: true })).text).toMatch(
      /already has that route/,
    );
    expect((await run('route militia-attacks', { admin: true, dm: true })).error?.message).toMatch(
      /not in a DM/,
    );
    expect((await run('route (drone', { admin: true })).error?.code).toBe('bad_query');
    expect((await run('routes')).items?.map((i) => i.text)).toEqual([
      's1: topic:militia-attacks',
      's2: drone place:erbil (hourly digest)',
    ]);
    await subs.setDisabled('s2', 'channel_not_found', now);
    expect((await run('routes')).items?.[1]?.text).toBe(
      's2: drone place:erbil (hourly digest) — DISABLED: channel_not_found',
    );
    expect((await run('unroute s9', { admin: true })).error?.code).toBe('not_found');
    expect((await run('unroute s1', { admin: true })).text).toMatch(/^Route s1 removed/);
    expect((await run('subscribe here drone', { admin: true })).title).toBe('Subscribed (s3)');
    expect((await subs.get('s3'))?.destination).toMatchObject({ kind: 'channel', id: 'C1' });
  });

  it('reports feed health and adds feeds only after validation', async () => {
    feeds.health = [
      {
        id: 'a',
        name: 'A',
        url: 'https://a.example/rss',
        status: 'ok',
        consecutiveFailures: 0,
        lastItem: '2026-03-01T11:00:00Z',
      },
      {
        id: 'b',
        name: 'B',
        url: 'https://b.example/rss',
        status: 'failing',
        reason: 'HTTP 404',
        consecutiveFailures: 3,
      },
    ];
    const list = await run('feeds');
    expect(list.title).toBe('2 feeds, 1 failing');
    expect(list.items?.[0]?.text).toBe('FAILING B (b) — HTTP 404 · 3 failures in a row');
    expect(list.items?.[1]?.text).toBe('OK A (a) · last item 2026-03-01 11:00');
    expect((await run('feeds add https://new.example/rss', { admin: true })).title).toBe(
      'Feed added: Example Feed (feed-1)',
    );
    feeds.validation = { ok: false, reason: 'not a feed: an HTML page' };
    expect((await run('feeds add https://bad.example/', { admin: true })).error).toEqual({
      code: 'feed_invalid',
      message: 'Not added: not a feed: an HTML page',
    });
    expect((await run('feeds add ftp://x', { admin: true })).error?.code).toBe('usage');
    expect((await run('feeds remove b', { admin: true })).text).toBe('Feed b removed.');
    expect((await run('feeds remove zz', { admin: true })).error?.code).toBe('not_found');
    expect((await run('feeds frobnicate')).error?.code).toBe('usage');
    expect(feeds.added).toHaveLength(1);
  });

  it('mutes a topic or incident here for a while', async () => {
    const r = await run('mute militia-attacks for 2d', { dm: true });
    expect(r.text).toBe(
      'Muted topic Militia attacks in your direct messages for 2 days (until 2026-03-03 12:00 UTC).',
    );
    expect(mutes.mutes[0]).toMatchObject({
      destination: { kind: 'dm', id: 'U1' },
      target: { kind: 'topic', topic: 'militia-attacks' },
    });
    expect((await run('mute inc-2', { admin: true })).text).toMatch(
      /incident inc-2 in this channel for 8 hours/,
    );
    expect((await run('mute nothing-like-this', { dm: true })).error?.code).toBe('not_found');
    expect((await run('mute inc-2 for 90d', { dm: true })).error?.code).toBe('bad_option');
    expect((await run('mute', { dm: true })).error?.code).toBe('usage');
  });

  it('turns an unexpected store failure into an error reply and reports it', async () => {
    const seen: unknown[] = [];
    deps = {
      ...deps,
      incidents: {
        get: () => Promise.reject(new Error('boom')),
        recent: () => Promise.reject(new Error('boom')),
      },
      onInternalError: (e) => seen.push(e),
    };
    const r = await run('incident inc-1');
    expect(r.error?.code).toBe('internal');
    expect(seen).toHaveLength(1);
  });
});
