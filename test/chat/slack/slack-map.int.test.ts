/**
 * `/sitrep map` through the real Bolt app and WebClient against the fake Web API: the picture is
 * uploaded with the files API (getUploadURLExternal → upload URL → completeUploadExternal) to
 * the channel, or to the caller's DMs with an ephemeral note saying so.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMapRenderer } from '../../../src/map/map-renderer.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { casualty, makeIncident } from '../../support/make-incident.js';
import {
  SIGNING_SECRET,
  startSlackHarness,
  type SlackHarness,
} from '../../support/slack-harness.js';
import { signature, slashCommandForm } from '../../support/slack-requests.js';
import { testGazetteer } from '../../support/test-gazetteer.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const maps = createMapRenderer({ gazetteer: testGazetteer() });
const now = new Date().toISOString();
const incidents = [
  makeIncident({
    id: 'inc-1',
    firstSeen: now,
    updatedAt: now,
    location: { place: 'Erbil', precision: 'town', id: 'erbil', lat: 36.19, lon: 44.01 },
    casualties: [casualty('us', 0, 3)],
  }),
  makeIncident({
    id: 'inc-2',
    type: 'Battles',
    firstSeen: now,
    updatedAt: now,
    location: { place: 'Ain al-Asad', precision: 'site', id: 'ain-al-asad' },
  }),
];

let api: FakeSlackApi;
let h: SlackHarness | null;

beforeEach(async () => {
  api = await startFakeSlackApi();
  h = null;
});

afterEach(async () => {
  await h?.frontEnd.stop();
  await api.close();
});

async function slash(text: string, channel = 'C1'): Promise<void> {
  const body = new URLSearchParams(
    slashCommandForm({ text, channel_id: channel, response_url: `${api.responseBase}/cmd` }),
  ).toString();
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${h?.frontEnd.port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature(SIGNING_SECRET, ts, body),
    },
    body,
  });
  expect(res.status).toBe(200);
}

describe('/sitrep map in Slack', () => {
  it('uploads the PNG to the channel with the files API and a text fallback', async () => {
    h = await startSlackHarness(api, { mode: 'http', incidents, maps });
    await slash('map 7d');
    await api.waitFor(() => api.of('files.completeUploadExternal').length === 1);
    const upload = api.uploads[0];
    expect(upload).toMatchObject({ channel: 'C1', filename: 'sitrep-map-168h.png' });
    expect(upload?.body?.includes(PNG_SIGNATURE)).toBe(true);
    expect(upload?.length).toBeGreaterThan(10_000);
    expect(upload?.initialComment).toContain('2 incidents in the last 7 days; 2 on the map');
    expect(upload?.altText).toContain('Map and timeline');
    // The picture speaks for itself in the channel: no extra ephemeral reply.
    expect(api.responses).toHaveLength(0);
  });

  it('sends it to the DMs with --dm and tells the caller where it went', async () => {
    h = await startSlackHarness(api, { mode: 'http', incidents, maps });
    await slash('map 24h --dm');
    await api.waitFor(() => api.responses.length === 1);
    expect(api.of('conversations.open')[0]?.args).toMatchObject({ users: 'U1' });
    expect(api.uploads[0]?.channel).toBe('DU1');
    const reply = api.responses[0]?.body;
    expect(reply?.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply)).toContain('Sent to your DMs');
  });

  it('says how to fix it when the app is not in the channel', async () => {
    h = await startSlackHarness(api, { mode: 'http', incidents, maps });
    api.failNext('files.completeUploadExternal', {
      status: 200,
      body: { ok: false, error: 'not_in_channel' },
    });
    await slash('map');
    await api.waitFor(() => api.responses.length === 1);
    expect(JSON.stringify(api.responses[0]?.body)).toContain('invite the sitrep app');
  });

  it('answers a bad query with the parse error and uploads nothing', async () => {
    h = await startSlackHarness(api, { mode: 'http', incidents, maps });
    await slash('map 7d (drone');
    await api.waitFor(() => api.responses.length === 1);
    expect(JSON.stringify(api.responses[0]?.body)).toContain('does not parse');
    expect(api.uploads).toHaveLength(0);
  });
});
