/**
 * The real discord.js client against the fake Discord: connects through the gateway (READY),
 * answers /sitrep interactions for every subcommand family through the callback endpoint,
 * defers slow work, runs button clicks as the clicking user and answers autocomplete.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { alertButtonId } from '../../../src/chat/discord/button-id.js';
import { createDiscordFrontEnd } from '../../../src/chat/discord/discord-front-end.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { casualty, makeIncident } from '../../support/make-incident.js';
import { startFakeDiscord } from '../../support/fake-discord.js';
import {
  autocomplete,
  click,
  log,
  MANAGE_GUILD,
  memoryCommands,
  opt,
  slash,
  startHarness,
  type Harness,
} from '../../support/discord-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const now = new Date().toISOString();
const drone = makeIncident({
  id: 'inc_aaaa2222',
  headline: 'Drone hits Ain al-Asad air base',
  summary: 'Two US troops were injured.',
  topics: ['militia-attacks'],
  actors: [{ name: "Kata'ib Hezbollah", side: 'militia', id: 'kataib-hezbollah' }],
  location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
  casualties: [casualty('us', 0, 2)],
  firstSeen: now,
  updatedAt: now,
});

interface Callback {
  type: number;
  data?: {
    content?: string;
    embeds?: { title?: string; description?: string; fields?: { name: string; value: string }[] }[];
    flags?: number;
    allowed_mentions?: unknown;
    components?: { components: { custom_id: string }[] }[];
    choices?: { name: string; value: string }[];
  };
}

/** Dispatches an interaction and returns the body of its callback. */
async function interact(payload: { id: string; token: string }): Promise<Callback> {
  if (!h) throw new Error('no harness');
  h.fake.dispatch('INTERACTION_CREATE', payload);
  const path = new RegExp(`^/interactions/${payload.id}/${payload.token}/callback$`);
  const [req] = await h.fake.waitFor('POST', path);
  return req?.body as Callback;
}

const shown = (c: Callback) => JSON.stringify(c.data ?? {});

describe('the Discord gateway front end', () => {
  it('identifies with the Guilds intent only and becomes ready', async () => {
    h = await startHarness();
    expect(h.fake.identified).toHaveLength(1);
    expect((h.fake.identified[0] as { intents: number }).intents).toBe(1);
    expect(h.frontEnd.client.isReady()).toBe(true);
    expect(h.fake.find('GET', /^\/gateway\/bot$/)[0]?.headers.authorization).toBe('Bot fake-token');
  });

  it('answers a subcommand through the callback endpoint, ephemeral, with no mentions', async () => {
    h = await startHarness({ incidents: [drone] });
    const c = await interact(slash('recent', [opt('count', 5)]));
    expect(h.ran).toEqual(['recent 5']);
    expect(c.type).toBe(4);
    expect(c.data?.flags).toBe(64);
    expect(c.data?.allowed_mentions).toEqual({ parse: [] });
    expect(shown(c)).toContain('Drone hits Ain al-Asad air base');
  });

  it('maps every subcommand family to its command-core text and answers each', async () => {
    h = await startHarness({ incidents: [drone] });
    const admin = { permissions: MANAGE_GUILD };
    const cases: [ReturnType<typeof slash>, string, RegExp][] = [
      [
        slash('recent', [opt('query', 'place:anbar'), opt('since', '7d')]),
        'recent place:anbar since 7d',
        /Ain al-Asad/,
      ],
      [slash('incident', [opt('id', drone.id)]), `incident ${drone.id}`, /Two US troops/],
      [slash('search', [opt('query', 'drone')]), 'search drone', /Drone hits/],
      [
        slash('subscribe', [
          opt('query', 'drone'),
          opt('place', 'Ain al-Asad'),
          opt('digest', 'hourly'),
        ]),
        'subscribe place:"Ain al-Asad" drone --digest hourly',
        /ubscribed/,
      ],
      [slash('subscriptions'), 'subscriptions', /drone/],
      [slash('unsubscribe', [opt('subscription', 's1')]), 'unsubscribe s1', /Unsubscribed/],
      [slash('topics'), 'topics', /Militia attacks/],
      [
        slash('route', [opt('topic', 'militia-attacks')], admin),
        'route militia-attacks',
        /Route added/,
      ],
      [slash('routes'), 'routes', /militia-attacks/],
      [slash('unroute', [opt('route', 's2')], admin), 'unroute s2', /removed/],
      [slash('feeds list'), 'feeds', /.+/],
      [
        slash('feeds add', [opt('url', 'https://example.org/rss.xml')], admin),
        'feeds add https://example.org/rss.xml',
        /Example Feed/,
      ],
      [slash('feeds remove', [opt('feed', 'feed-9')], admin), 'feeds remove feed-9', /feed-9/],
      [slash('why', [opt('id', drone.id)]), `why ${drone.id}`, /.+/],
      [
        slash('mute', [opt('target', 'militia-attacks'), opt('for', '2h')], admin),
        'mute militia-attacks for 2h',
        /[Mm]uted/,
      ],
      [slash('help', [opt('subcommand', 'subscribe')]), 'help subscribe', /subscribe/],
    ];
    for (const [payload, text, expected] of cases) {
      const c = await interact(payload);
      expect(h.ran.at(-1)).toBe(text);
      expect(c.type).toBe(4);
      expect(c.data?.allowed_mentions).toEqual({ parse: [] });
      expect(shown(c)).toMatch(expected);
    }
    expect(h.ran).toHaveLength(cases.length);
    expect([...h.deps.subscriptions.subs.values()]).toEqual([]); // subscribed, routed, removed
    expect(h.deps.mutes.mutes.map((m) => m.target)).toEqual([
      { kind: 'topic', topic: 'militia-attacks' },
    ]);
    expect(h.deps.feedRegistry.added.map((f) => f.url)).toEqual(['https://example.org/rss.xml']);
  });

  it('keeps admin subcommands to Manage Guild members and to DISCORD_ADMINS', async () => {
    h = await startHarness({ admins: ['U7'] });
    const denied = await interact(slash('route', [opt('topic', 'militia-attacks')]));
    expect(denied.data?.flags).toBe(64);
    expect(shown(denied)).toMatch(/Only workspace admins/);
    const listed = await interact(
      slash('route', [opt('topic', 'militia-attacks')], { user: 'U7' }),
    );
    expect(shown(listed)).toMatch(/Route added/);
    expect(listed.data?.flags).toBeUndefined(); // a new route is announced to the channel
    const [route] = h.deps.subscriptions.subs.values();
    expect(route?.destination).toEqual({
      platform: 'discord',
      workspaceId: 'G1',
      kind: 'channel',
      id: 'C1',
    });
  });

  it('subscribes from a DM to the user’s own DMs', async () => {
    h = await startHarness();
    const c = await interact(
      slash('subscribe', [opt('topic', 'counter-isis')], { dm: true, user: 'U5' }),
    );
    expect(c.data?.flags).toBe(64);
    const [sub] = h.deps.subscriptions.subs.values();
    expect(sub).toMatchObject({ kind: 'personal', ownerId: 'U5', query: 'topic:counter-isis' });
    expect(sub?.destination).toMatchObject({ platform: 'discord', kind: 'dm', id: 'U5' });
  });

  it('defers slow work and then edits the original response', async () => {
    h = await startHarness({ incidents: [drone], deferAfterMs: 0 });
    const payload = slash('search', [opt('query', 'drone')]);
    const c = await interact(payload);
    expect(c).toEqual({ type: 5, data: { flags: 64 } });
    const [edit] = await h.fake.waitFor(
      'PATCH',
      new RegExp(`^/webhooks/app-1/${payload.token}/messages/@original$`),
    );
    expect(JSON.stringify(edit?.body)).toContain('Drone hits Ain al-Asad air base');
    expect((edit?.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [] });
  });

  it('replaces a public deferral by an ephemeral follow-up when the answer is an error', async () => {
    h = await startHarness({ deferAfterMs: 0 });
    const payload = slash('route', [opt('topic', 'militia-attacks')]); // not an admin
    const c = await interact(payload);
    expect(c).toEqual({ type: 5, data: { flags: 0 } }); // public: a route is announced
    const hook = new RegExp(`^/webhooks/app-1/${payload.token}`);
    const [follow] = await h.fake.waitFor('POST', hook);
    expect(h.fake.find('DELETE', hook)).toHaveLength(1);
    expect(follow?.body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect(JSON.stringify(follow?.body)).toMatch(/Only workspace admins/);
    expect(h.fake.find('PATCH', hook)).toEqual([]);
  });

  it('runs an alert button as the clicking user, rebuilding a command too long for a custom id', async () => {
    const long = makeIncident({
      id: 'inc_bbbb3333',
      headline: drone.headline,
      actors: [
        {
          name: 'The Islamic Resistance in Iraq Coordination Committee of the Southern Provinces',
          side: 'militia',
        },
      ],
      location: {
        place: 'Ain al-Asad',
        admin1: 'Al Anbar Governorate of the Republic of Iraq (western desert)',
        country: 'Iraq',
        precision: 'site',
      },
      topics: ['militia-attacks'],
      firstSeen: now,
      updatedAt: now,
    });
    h = await startHarness({ incidents: [long] });
    const id = alertButtonId('subscribe-similar', long.id);
    expect(id.length).toBeLessThanOrEqual(100);
    const c = await interact(click(id, { user: 'U9' }));
    const text = h.ran.at(-1) ?? '';
    expect(text.length).toBeGreaterThan(100);
    expect(text).toMatch(/^subscribe actor:"The Islamic Resistance/);
    expect(c.data?.flags).toBe(64);
    const [sub] = h.deps.subscriptions.subs.values();
    expect(sub).toMatchObject({ ownerId: 'U9', kind: 'personal' });
    const details = await interact(click(alertButtonId('details', long.id)));
    expect(h.ran.at(-1)).toBe(`incident ${long.id}`);
    expect(details.data?.flags).toBe(64);
    // the details reply's own buttons carry commands; a long one is remembered under a hash
    const ids = (details.data?.components ?? []).flatMap((r) =>
      r.components.map((b) => b.custom_id),
    );
    expect(ids.length).toBeGreaterThan(0);
    for (const cid of ids) expect(cid.length).toBeLessThanOrEqual(100);
    const hashed = ids.find((cid) => cid.startsWith('sr:h:'));
    expect(hashed).toBeDefined();
    await interact(click(hashed ?? '', { user: 'U9' }));
    expect(h.ran.at(-1)).toBe(text);
  });

  it('answers a mute-topic click in a channel from a non-admin with an ephemeral refusal', async () => {
    h = await startHarness({ incidents: [drone] });
    const c = await interact(click(alertButtonId('mute-topic', drone.id)));
    expect(h.ran.at(-1)).toBe('mute militia-attacks for 8h');
    expect(c.data?.flags).toBe(64);
    expect(shown(c)).toMatch(/admins/);
    expect(h.deps.mutes.mutes).toEqual([]);
  });

  it('answers autocomplete for incident ids, places and actors', async () => {
    h = await startHarness({ incidents: [drone] });
    const ids = await interact(autocomplete('incident', [opt('id', 'ain', true)]));
    expect(ids.type).toBe(8);
    expect(ids.data?.choices).toEqual([
      { name: `${drone.id} — ${drone.headline}`, value: drone.id },
    ]);
    const places = await interact(autocomplete('subscribe', [opt('place', 'ain', true)]));
    expect(places.data?.choices?.map((c) => c.value)).toContain('Ain al-Asad');
    const actors = await interact(
      autocomplete('subscribe', [opt('query', 'x'), opt('actor', 'kataib', true)]),
    );
    expect(actors.data?.choices?.map((c) => c.value)).toEqual(["Kata'ib Hezbollah"]);
  });

  it('rejects with a clear error when Discord refuses the token, leaving nothing running', async () => {
    const fake = await startFakeDiscord();
    try {
      fake.failNext({
        method: 'GET',
        path: /^\/gateway\/bot$/,
        status: 401,
        body: { code: 0, message: '401: Unauthorized' },
      });
      const config = loadConfig({
        env: {},
        overrides: { discord: { token: 'bad', appId: 'app-1', apiUrl: fake.api } },
      });
      const { commands } = memoryCommands();
      await expect(createDiscordFrontEnd({ config, log, commands })).rejects.toThrow(
        /Discord: could not connect the bot/,
      );
      expect(fake.identified).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it('stops idempotently', async () => {
    h = await startHarness();
    await h.frontEnd.stop();
    await h.frontEnd.stop();
    expect(h.frontEnd.client.isReady()).toBe(false);
  });
});
