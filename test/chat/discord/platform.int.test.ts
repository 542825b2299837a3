/**
 * Alert delivery through the real discord.js REST client against the fake Discord: embeds in
 * channels and DMs, updates as an edit plus a thread message, digests and notices, 429s
 * recovered without loss or duplicates, and Discord errors mapped to ChatError kinds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildAlertMessage } from '../../../src/alert/alert-message.js';
import { buildDigest } from '../../../src/alert/digest-message.js';
import type { HeldAlert } from '../../../src/domain/held-alert.js';
import type { Destination } from '../../../src/domain/subscription.js';
import { ChatError } from '../../../src/chat/chat-error.js';
import { startHarness, type Harness } from '../../support/discord-harness.js';
import { casualty, makeIncident } from '../../support/make-incident.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const channel: Destination = { platform: 'discord', workspaceId: 'G1', kind: 'channel', id: 'C1' };
const dm: Destination = { platform: 'discord', workspaceId: '', kind: 'dm', id: 'U1' };

const incident = makeIncident({
  id: 'inc_cccc4444',
  headline: 'Rocket attack on Victory Base near Baghdad airport',
  summary:
    'Three rockets struck the base; two US contractors were injured and one Iraqi soldier killed.',
  topics: ['militia-attacks'],
  type: 'Explosions/Remote violence',
  subType: 'Shelling/artillery/missile attack',
  actors: [{ name: "Kata'ib Hezbollah", side: 'militia' }],
  location: { place: 'Victory Base', admin1: 'Baghdad', country: 'Iraq', precision: 'site' },
  casualties: [casualty('us', null, 2), casualty('partner', 1, null)],
  sources: [
    { outlet: 'Wire One', url: 'https://one.example/rockets' },
    { outlet: 'Wire Two', url: 'https://two.example/rockets' },
  ],
});
const message = buildAlertMessage(incident);

interface Body {
  nonce?: string;
  enforce_nonce?: boolean;
  content?: string;
  allowed_mentions?: unknown;
  message_reference?: { message_id: string };
  embeds?: {
    title: string;
    color: number;
    description: string;
    timestamp: string;
    footer: { text: string };
    fields: { name: string; value: string }[];
  }[];
  components?: { components: { custom_id: string; label: string }[] }[];
}
const body = (r: { body: unknown } | undefined) => (r?.body ?? {}) as Body;

describe('the Discord ChatPlatform', () => {
  it('posts an alert into a channel as one embed with facts, sources, colour, timestamp and buttons', async () => {
    h = await startHarness();
    const ref = await h.frontEnd.platform.post(channel, message, 'alert:t1');
    const posts = h.fake.find('POST', /^\/channels\/C1\/messages$/);
    expect(posts).toHaveLength(1);
    const b = body(posts[0]);
    expect(ref.channelId).toBe('C1');
    expect(ref.messageId).toMatch(/^\d+$/);
    expect(b.allowed_mentions).toEqual({ parse: [] });
    const [embed] = b.embeds ?? [];
    expect(embed?.title).toBe(incident.headline);
    expect(embed?.description).toBe(incident.summary);
    expect(embed?.color).toBe(0xe8710a);
    expect(Date.parse(embed?.timestamp ?? '')).not.toBeNaN();
    const fields = Object.fromEntries((embed?.fields ?? []).map((f) => [f.name, f.value]));
    expect(fields['Type']).toMatch(/^Explosions\/Remote violence/);
    expect(fields['Place']).toBe('Victory Base, Baghdad, Iraq');
    expect(fields['Casualties']).toBe('US: 2 injured\nPartner forces: 1 killed');
    expect(fields['Actors']).toBe("Kata'ib Hezbollah");
    expect(fields['Sources (2 outlets)']).toContain('(https://two.example/rockets)');
    const buttons = b.components?.[0]?.components ?? [];
    expect(buttons.map((x) => x.label)).toEqual([
      'Subscribe to similar',
      'Mute this topic here',
      'Details',
    ]);
    expect(buttons.map((x) => x.custom_id)).toEqual([
      'sr:a:s:inc_cccc4444',
      'sr:a:m:inc_cccc4444',
      'sr:a:d:inc_cccc4444',
    ]);
  });

  it('opens the DM channel for a personal alert and keeps its id in the message reference', async () => {
    h = await startHarness();
    const ref = await h.frontEnd.platform.post(dm, message, 'alert:t2');
    await h.frontEnd.platform.post(dm, message, 'alert:t3');
    const opened = h.fake.find('POST', /^\/users\/@me\/channels$/);
    expect(opened.map((r) => r.body)).toEqual([{ recipient_id: 'U1' }]); // opened once
    expect(ref.channelId).toBe('dm-U1');
    expect(h.fake.find('POST', /^\/channels\/dm-U1\/messages$/)).toHaveLength(2);
  });

  it('turns an update into an edit of the original and a message in a thread under it', async () => {
    h = await startHarness();
    const p = h.frontEnd.platform;
    const ref = await p.post(channel, message, 'alert:t4');
    const v2 = buildAlertMessage(
      {
        ...incident,
        version: 2,
        timeline: [
          {
            at: incident.firstSeen,
            version: 2,
            description: 'killed (Partner forces): 1 → 2, per Wire Two',
            sourceItemId: 'x',
          },
        ],
      },
      { previousVersion: 1 },
    );
    await p.edit(channel, ref, v2);
    await p.reply(channel, ref, v2.whatChanged ?? '', 'reply:t10');
    await p.reply(channel, ref, 'new source: Wire Three', 'reply:t11');
    const edits = h.fake.find('PATCH', new RegExp(`^/channels/C1/messages/${ref.messageId}$`));
    expect(edits).toHaveLength(1);
    const fields = body(edits[0]).embeds?.[0]?.fields ?? [];
    expect(fields[0]).toMatchObject({
      name: 'What changed',
      value: 'killed (Partner forces): 1 → 2, per Wire Two',
    });
    expect(h.fake.find('POST', /\/threads$/).map((r) => r.path)).toEqual([
      `/channels/C1/messages/${ref.messageId}/threads`,
      `/channels/C1/messages/${ref.messageId}/threads`, // the second answer: it exists already
    ]);
    const inThread = h.fake.find('POST', new RegExp(`^/channels/${ref.messageId}/messages$`));
    expect(inThread.map((r) => body(r).content)).toEqual([
      'killed (Partner forces): 1 → 2, per Wire Two',
      'new source: Wire Three',
    ]);
    for (const r of inThread) expect(body(r).allowed_mentions).toEqual({ parse: [] });
  });

  it('falls back to a reply under the alert when its thread is locked or deleted', async () => {
    h = await startHarness();
    const ref = await h.frontEnd.platform.post(channel, message, 'alert:t5');
    h.fake.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/${ref.messageId}/messages$`),
      status: 400,
      body: { code: 50083, message: 'Thread is archived' },
    });
    await h.frontEnd.platform.reply(channel, ref, 'new source: Wire Three', 'reply:t12');
    const replies = h.fake.find('POST', /^\/channels\/C1\/messages$/).slice(1);
    expect(replies.map((r) => body(r).message_reference?.message_id)).toEqual([ref.messageId]);
    expect(body(replies[0]).content).toBe('new source: Wire Three');
  });

  it('answers an update in a DM with a reply to the original message (no threads in DMs)', async () => {
    h = await startHarness();
    const ref = await h.frontEnd.platform.post(dm, message, 'alert:t6');
    await h.frontEnd.platform.reply(dm, ref, 'new source: Wire Three', 'reply:t13');
    expect(h.fake.find('POST', /\/threads$/)).toEqual([]);
    const replies = h.fake.find('POST', /^\/channels\/dm-U1\/messages$/).slice(1);
    expect(replies.map((r) => body(r).message_reference?.message_id)).toEqual([ref.messageId]);
  });

  it('renders a digest and a notice', async () => {
    h = await startHarness();
    const second = { ...incident, id: 'inc_dddd5555', headline: 'Second incident' };
    const digest = buildDigest(
      [incident, second].map((i): HeldAlert => ({
        incidentId: i.id,
        version: 1,
        reason: 'hourly',
        subscriptionIds: [],
        heldAt: i.firstSeen,
        releaseAt: i.firstSeen,
        destination: channel,
      })),
      new Map([incident, second].map((i) => [i.id, i])),
    );
    if (!digest) throw new Error('no digest');
    await h.frontEnd.platform.postDigest(channel, digest, 'digest:d1');
    await h.frontEnd.platform.notify(dm, 'Route s3 was disabled: missing_permissions');
    const [d, n] = h.fake.find('POST', /^\/channels\/[^/]+\/messages$/);
    expect(body(d).embeds?.[0]?.title).toBe('Hourly digest: 2 incidents');
    expect(body(d).embeds?.[0]?.description).toContain('inc_cccc4444');
    expect(n?.path).toBe('/channels/dm-U1/messages');
    expect(body(n)).toEqual({
      content: 'Route s3 was disabled: missing_permissions',
      allowed_mentions: { parse: [] },
    });
  });

  it('never lets @everyone in a feed title notify anyone', async () => {
    h = await startHarness();
    const loud = buildAlertMessage({
      ...incident,
      headline: '@everyone @here <@123> rockets hit base',
    });
    const ref = await h.frontEnd.platform.post(channel, loud, 'alert:loud:v1');
    await h.frontEnd.platform.reply(channel, ref, 'new source: @everyone Daily', 'reply:t14');
    await h.frontEnd.platform.notify(channel, '@everyone');
    const sent = h.fake.requests.filter((r) => r.method === 'POST' && /\/messages$/.test(r.path));
    expect(sent).toHaveLength(3);
    for (const r of sent) expect(body(r).allowed_mentions).toEqual({ parse: [] });
    expect(body(sent[0]).embeds?.[0]?.title).toBe('@everyone @here <@123> rockets hit base');
  });

  it('recovers from a 429 by waiting as told: one message, no loss, no duplicate', async () => {
    h = await startHarness();
    h.fake.failNext({
      method: 'POST',
      path: /^\/channels\/C1\/messages$/,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      headers: { 'retry-after': '0.05', 'x-ratelimit-scope': 'user' },
    });
    const ref = await h.frontEnd.platform.post(channel, message, 'alert:t7');
    const posts = h.fake.find('POST', /^\/channels\/C1\/messages$/);
    expect(posts).toHaveLength(2); // the 429 and the retry
    expect(posts[1]?.body).toEqual(posts[0]?.body);
    expect(ref.messageId).toMatch(/^\d+$/);
  });

  it('fails a long rate limit as transient with retryAfterMs instead of blocking', async () => {
    h = await startHarness({ maxRateLimitWaitMs: 1000 });
    h.fake.failNext({
      method: 'POST',
      path: /^\/channels\/C1\/messages$/,
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 30, global: false },
      headers: { 'retry-after': '30' },
    });
    const err = await h.frontEnd.platform
      .post(channel, message, 'alert:t8')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ kind: 'transient', reason: 'ratelimited' });
    expect((err as ChatError).retryAfterMs).toBeGreaterThanOrEqual(29_000);
  });

  it('maps Discord errors: missing permissions, DMs closed, unknown message → permanent; 5xx → transient', async () => {
    h = await startHarness();
    const p = h.frontEnd.platform;
    const fail = (method: string, path: RegExp, status: number, code: number) =>
      h?.fake.failNext({ method, path, status, body: { code, message: `error ${code}` } });
    fail('POST', /^\/channels\/C1\/messages$/, 403, 50013);
    await expect(p.post(channel, message, 'alert:t9')).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'missing_permissions',
    });
    fail('POST', /^\/channels\/C2\/messages$/, 403, 50001);
    await expect(p.post({ ...channel, id: 'C2' }, message, 'alert:C2:v1')).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'missing_access',
    });
    fail('POST', /^\/channels\/C3\/messages$/, 404, 10003);
    await expect(p.post({ ...channel, id: 'C3' }, message, 'alert:C3:v1')).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'unknown_channel',
    });
    fail('POST', /^\/channels\/dm-U1\/messages$/, 403, 50007);
    await expect(p.notify(dm, 'hello')).rejects.toMatchObject({
      kind: 'permanent',
      reason: 'cannot_message_user',
    });
    fail('PATCH', /^\/channels\/C1\/messages\/42$/, 404, 10008);
    await expect(
      p.edit(channel, { channelId: 'C1', messageId: '42' }, message),
    ).rejects.toMatchObject({ kind: 'permanent', reason: 'unknown_message' });
    for (let i = 0; i < 4; i += 1) fail('POST', /^\/channels\/C4\/messages$/, 502, 0); // discord.js retries 5xx 3 times
    await expect(p.post({ ...channel, id: 'C4' }, message, 'alert:C4:v1')).rejects.toMatchObject({
      kind: 'transient',
      reason: 'http_502',
    });
  });

  it('posts with a nonce per delivery key, so a repeated post returns the first message', async () => {
    h = await startHarness();
    const p = h.frontEnd.platform;
    expect(p.idempotentPosts).toBe(true);
    const first = await p.post(channel, message, 'alert:inc-9:v1');
    const again = await p.post(channel, message, 'alert:inc-9:v1');
    const other = await p.post(channel, message, 'alert:inc-9:v2');
    expect(again).toEqual(first);
    expect(other.messageId).not.toBe(first.messageId);
    const posts = h.fake.find('POST', /^\/channels\/C1\/messages$/).map(body);
    expect(posts[0]?.enforce_nonce).toBe(true);
    expect(posts[0]?.nonce).toHaveLength(25);
    expect(posts[1]?.nonce).toBe(posts[0]?.nonce);
    expect(posts[2]?.nonce).not.toBe(posts[0]?.nonce);
  });
});
