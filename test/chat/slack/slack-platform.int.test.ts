/**
 * The Slack ChatPlatform through the real WebClient against the fake Web API: channel posts,
 * DMs (conversations.open, then the DM channel in the MessageRef), edits with thread replies,
 * digests, notices, and every failure as the right ChatError without WebClient retrying.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAlertMessage } from '../../../src/alert/alert-message.js';
import type { Destination } from '../../../src/domain/subscription.js';
import { ChatError } from '../../../src/chat/chat-error.js';
import type { ChatPlatform } from '../../../src/chat/chat-platform.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { makeIncident } from '../../support/make-incident.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';

let api: FakeSlackApi;
let h: SlackHarness;
let platform: ChatPlatform;

const channel: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: 'C1' };
const dm: Destination = { platform: 'slack', workspaceId: 'T1', kind: 'dm', id: 'U1' };
const incident = makeIncident({
  id: 'inc-1',
  headline: '<!channel> Drone attack on Ain al-Asad',
  summary: 'Attack <!here> & <@U1>',
  topics: ['militia-attacks'],
});
const message = buildAlertMessage(incident);

async function failure(p: Promise<unknown>): Promise<ChatError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ChatError)) throw new Error(`expected a ChatError, got ${String(err)}`);
  return err;
}

beforeEach(async () => {
  api = await startFakeSlackApi();
  h = await startSlackHarness(api, { mode: 'http' });
  platform = h.frontEnd.platform;
});

afterEach(async () => {
  await h.frontEnd.stop();
  await api.close();
});

describe('Slack ChatPlatform', () => {
  it('posts an alert into a channel as Block Kit, escaped, without unfurls or link_names', async () => {
    const ref = await platform.post(channel, message, 'alert:inc-1:v1');
    const [call] = api.of('chat.postMessage');
    expect(ref).toEqual({ channelId: 'C1', messageId: expect.stringMatching(/^\d+\.\d+$/) });
    expect(call?.token).toBe('xoxb-test');
    expect(call?.args).toMatchObject({
      channel: 'C1',
      unfurl_links: 'false',
      unfurl_media: 'false',
    });
    expect(call?.args).not.toHaveProperty('link_names');
    expect(call?.args).not.toHaveProperty('parse');
    const blocks = call?.args.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section', // facts
      'section', // summary
      'section', // sources
      'context',
      'actions',
    ]);
    const sent = JSON.stringify(call?.args);
    expect(sent).not.toMatch(/<!channel>|<!here>|<@U1>/);
    expect(sent).toContain('&lt;!channel&gt; Drone attack');
  });

  it('opens the DM first and keeps the DM channel id in the reference for edits and replies', async () => {
    const ref = await platform.post(dm, message, 'alert:inc-1:v1');
    expect(api.of('conversations.open')[0]?.args.users).toBe('U1');
    expect(ref.channelId).toBe('DU1');
    expect(api.of('chat.postMessage')[0]?.args.channel).toBe('DU1');
    await platform.edit(dm, ref, message);
    await platform.reply(dm, ref, 'Casualties now 3 injured (Outlet Two)', 'reply:inc-1:v2');
    expect(api.of('chat.update')[0]?.args).toMatchObject({ channel: 'DU1', ts: ref.messageId });
    expect(api.of('chat.postMessage')[1]?.args).toMatchObject({
      channel: 'DU1',
      thread_ts: ref.messageId,
      text: 'Update: Casualties now 3 injured (Outlet Two)',
    });
    await platform.reply(dm, ref, 'New source <!channel> <@U2>', 'reply:inc-1:v2');
    expect(api.of('chat.postMessage')[2]?.args.text).toBe(
      'Update: New source &lt;!channel&gt; &lt;@U2&gt;',
    );
    await platform.post(dm, message, 'alert:inc-1:v1');
    expect(api.of('conversations.open')).toHaveLength(1); // the DM channel is remembered
  });

  it('edits the original message with the new blocks', async () => {
    const ref = await platform.post(channel, message, 'alert:inc-1:v1');
    const v2 = buildAlertMessage({
      ...incident,
      version: 2,
      headline: 'Three hurt at Ain al-Asad',
    });
    await platform.edit(channel, ref, v2);
    const update = api.of('chat.update')[0];
    expect(update?.args).toMatchObject({ channel: 'C1', ts: ref.messageId });
    expect(JSON.stringify(update?.args.blocks)).toContain('Three hurt at Ain al-Asad');
  });

  it('posts the update anew when the original message was deleted', async () => {
    const ref = await platform.post(channel, message, 'alert:inc-1:v1');
    api.failNext('chat.update', { status: 200, body: { ok: false, error: 'message_not_found' } });
    await platform.edit(channel, ref, message);
    expect(api.of('chat.postMessage')).toHaveLength(2);
  });

  it('posts digests and DMs plain notices, escaped', async () => {
    const ref = await platform.postDigest(
      channel,
      {
        title: 'Hourly digest: 1 incident',
        items: [
          {
            incidentId: 'inc-1',
            version: 1,
            line: '[inc-1] <!here> drone',
            url: 'https://x.test/1',
          },
        ],
        covers: [{ incidentId: 'inc-1', version: 1 }],
        fallback: 'Hourly digest: 1 incident',
      },
      'digest:d1',
    );
    expect(ref.channelId).toBe('C1');
    expect(JSON.stringify(api.of('chat.postMessage')[0]?.args.blocks)).toContain(
      '<https://x.test/1|[inc-1] &lt;!here&gt; drone>',
    );
    await platform.notify(
      { ...dm, id: 'UADMIN' },
      'Route s3 in <#C1> was disabled: channel_not_found',
    );
    expect(api.of('conversations.open').at(-1)?.args.users).toBe('UADMIN');
    const notice = api.of('chat.postMessage').at(-1);
    expect(notice?.args.channel).toBe('DUADMIN');
    expect(notice?.args.text).toBe('Route s3 in &lt;#C1&gt; was disabled: channel_not_found');
  });

  it('reports a 429 as transient with Retry-After, without WebClient waiting and retrying', async () => {
    api.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const err = await failure(platform.post(channel, message, 'alert:inc-1:v1'));
    expect(err).toMatchObject({ kind: 'transient', reason: 'ratelimited', retryAfterMs: 30_000 });
    expect(api.of('chat.postMessage')).toHaveLength(1);
  });

  it('reports a 5xx as transient after a single call', async () => {
    api.failNext('chat.postMessage', { status: 503, body: { ok: false } });
    const err = await failure(platform.post(channel, message, 'alert:inc-1:v1'));
    expect(err).toMatchObject({ kind: 'transient', reason: 'http_503' });
    expect(api.of('chat.postMessage')).toHaveLength(1);
  });

  it.each([
    ['chat.postMessage', 'channel_not_found', channel],
    ['chat.postMessage', 'is_archived', channel],
    ['chat.postMessage', 'not_in_channel', channel],
    ['conversations.open', 'cannot_dm_bot', dm],
    ['conversations.open', 'user_disabled', dm],
  ] as const)('reports %s %s as permanent', async (method, code, destination) => {
    api.failNext(method, { status: 200, body: { ok: false, error: code } });
    const err = await failure(platform.post(destination, message, 'alert:inc-1:v1'));
    expect(err).toMatchObject({ kind: 'permanent', reason: code });
  });

  it('tags posts with their delivery key and finds them again after a lost answer', async () => {
    const find = platform.findPosted?.bind(platform);
    if (!find) throw new Error('the Slack platform must offer findPosted');
    expect(await find(channel, 'alert:inc-1:v1')).toBeNull();
    const ref = await platform.post(channel, message, 'alert:inc-1:v1');
    expect(api.of('chat.postMessage')[0]?.args.metadata).toEqual({
      event_type: 'sitrep_delivery',
      event_payload: { key: 'alert:inc-1:v1' },
    });
    await platform.post(channel, message, 'alert:inc-2:v1');
    expect(await find(channel, 'alert:inc-1:v1')).toEqual(ref);
    expect(api.of('conversations.history')[0]?.args).toMatchObject({
      channel: 'C1',
      include_all_metadata: 'true',
    });
    // A thread reply is looked up in its thread; a DM in the DM channel.
    await platform.reply(channel, ref, 'Casualties now 3', 'reply:inc-1:v2');
    expect(await find(channel, 'reply:inc-1:v2', ref)).toMatchObject({ channelId: 'C1' });
    expect(await find(channel, 'reply:inc-1:v3', ref)).toBeNull();
    const dmRef = await platform.post(dm, message, 'alert:inc-1:v1');
    expect(await find(dm, 'alert:inc-1:v1')).toEqual(dmRef);
    // Without the history scope it cannot tell: it says none (the post is made again).
    api.failNext('conversations.history', {
      status: 200,
      body: { ok: false, error: 'missing_scope' },
    });
    expect(await find(channel, 'alert:inc-1:v1')).toBeNull();
  });
});
