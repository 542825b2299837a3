/**
 * The weekly map's post through each platform's real client against its local fake: Slack
 * uploads the PNG with the files API and the top incidents as the file's comment (escaped);
 * Discord posts an embed showing the attachment, with a nonce, as multipart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildWeeklyMapMessage } from '../../src/alert/weekly-map-message.js';
import type { Destination } from '../../src/domain/subscription.js';
import { createMapRenderer } from '../../src/map/map-renderer.js';
import type { ChatImage } from '../../src/chat/chat-platform.js';
import { startHarness, type Harness } from '../support/discord-harness.js';
import { startFakeSlackApi, type FakeSlackApi } from '../support/fake-slack-api.js';
import { casualty, makeIncident } from '../support/make-incident.js';
import { startSlackHarness, type SlackHarness } from '../support/slack-harness.js';
import { testGazetteer } from '../support/test-gazetteer.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const to = new Date('2026-12-07T08:00:00Z');
const from = new Date('2026-11-30T08:00:00Z');
const incidents = [
  makeIncident({
    id: 'inc-1',
    headline: 'Drone <!channel> attack on Erbil & base',
    firstSeen: '2026-12-02T10:00:00.000Z',
    location: { place: 'Erbil', precision: 'town', id: 'erbil' },
    casualties: [casualty('us', 1, 2)],
    sources: [{ url: 'https://news.example/erbil' }],
  }),
];

async function image(): Promise<ChatImage> {
  const renderer = createMapRenderer({ gazetteer: testGazetteer() });
  const picture = await renderer.render({ incidents, from, to, title: 'Weekly', subtitle: 'x' });
  return {
    png: picture.png,
    filename: 'sitrep-week-2026-12-07.png',
    message: buildWeeklyMapMessage(incidents, 'topic:militia-attacks', '30 Nov – 7 Dec 2026'),
  };
}

let api: FakeSlackApi | undefined;
let slack: SlackHarness | undefined;
let discord: Harness | undefined;
afterEach(async () => {
  await slack?.frontEnd.stop();
  await api?.close();
  await discord?.close();
  slack = undefined;
  api = undefined;
  discord = undefined;
});

describe('weekly map posts', () => {
  it('Slack: a files API upload into the channel, top incidents in the comment', async () => {
    api = await startFakeSlackApi();
    slack = await startSlackHarness(api, { mode: 'http' });
    const channel: Destination = {
      platform: 'slack',
      workspaceId: 'T1',
      kind: 'channel',
      id: 'C5',
    };
    await slack.frontEnd.platform.postImage?.(channel, await image(), 'weekly-map:s1:2026-12-07');
    expect(api.of('files.getUploadURLExternal')).toHaveLength(1);
    const upload = api.uploads[0];
    expect(upload?.channel).toBe('C5');
    expect(upload?.filename).toBe('sitrep-week-2026-12-07.png');
    expect(upload?.body?.includes(PNG_SIGNATURE)).toBe(true);
    expect(upload?.initialComment).toContain('Most significant:');
    expect(upload?.initialComment).toContain('<https://news.example/erbil|');
    expect(upload?.initialComment).toContain('&lt;!channel&gt;');
    expect(upload?.initialComment).not.toContain('<!channel>');
  });

  it('Discord: an embed showing attachment://map.png, sent as multipart with a nonce', async () => {
    discord = await startHarness();
    const channel: Destination = {
      platform: 'discord',
      workspaceId: 'G1',
      kind: 'channel',
      id: 'C7',
    };
    await discord.frontEnd.platform.postImage?.(channel, await image(), 'weekly-map:s1:2026-12-07');
    const [req] = discord.fake.find('POST', /^\/channels\/C7\/messages$/);
    const body = req?.body as {
      embeds: { title: string; description: string; image: { url: string } }[];
      nonce?: string;
      enforce_nonce?: boolean;
    };
    expect(body.embeds[0]?.image.url).toBe('attachment://map.png');
    expect(body.embeds[0]?.title).toContain('Weekly map: 1 incident');
    expect(body.embeds[0]?.description).toContain('https://news.example/erbil');
    expect(body.enforce_nonce).toBe(true);
    expect(req?.files?.[0]?.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });
});
