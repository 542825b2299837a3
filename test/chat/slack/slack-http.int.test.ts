/**
 * The real Bolt app in HTTP mode: signed slash commands over HTTP (good, forged, stale,
 * unsigned), acknowledged at once and answered through response_url, button clicks run as the
 * clicking user, and the App Home tab.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIncident } from '../../support/make-incident.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import {
  SIGNING_SECRET,
  startSlackHarness,
  type SlackHarness,
} from '../../support/slack-harness.js';
import {
  appHomeOpened,
  buttonClick,
  signature,
  slashCommandForm,
} from '../../support/slack-requests.js';

let api: FakeSlackApi;
let h: SlackHarness | null;

const incident = makeIncident({
  id: 'inc-7',
  headline: 'Rocket attack on Erbil air base <!channel>',
  topics: ['militia-attacks'],
  firstSeen: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
});

beforeEach(async () => {
  api = await startFakeSlackApi();
  h = null;
});

afterEach(async () => {
  await h?.frontEnd.stop();
  await api.close();
});

function url(): string {
  return `http://127.0.0.1:${h?.frontEnd.port}/slack/events`;
}

async function post(
  body: string,
  contentType: string,
  sign: { secret?: string; at?: number } | null = {},
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (sign) {
    const ts = sign.at ?? Math.floor(Date.now() / 1000);
    headers['x-slack-request-timestamp'] = String(ts);
    headers['x-slack-signature'] = signature(sign.secret ?? SIGNING_SECRET, ts, body);
  }
  return fetch(url(), { method: 'POST', headers, body });
}

const slash = (text: string, extra: Partial<Parameters<typeof slashCommandForm>[0]> = {}) =>
  new URLSearchParams(
    slashCommandForm({ text, response_url: `${api.responseBase}/cmd`, ...extra }),
  ).toString();
const form = 'application/x-www-form-urlencoded';

describe('Slack HTTP mode', () => {
  it('answers a signed slash command through response_url, ephemeral for help', async () => {
    h = await startSlackHarness(api, { mode: 'http' });
    const res = await post(slash('help'), form);
    expect(res.status).toBe(200);
    await api.waitFor(() => api.responses.length === 1);
    const reply = api.responses[0]?.body;
    expect(reply?.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply?.blocks)).toContain('/sitrep subscribe');
    expect(h.requests[0]).toMatchObject({ text: 'help', user: { id: 'U1' }, workspaceId: 'T1' });
  });

  it('rejects forged, stale and unsigned requests with 401 and runs nothing', async () => {
    h = await startSlackHarness(api, { mode: 'http' });
    expect((await post(slash('help'), form, { secret: 'wrong' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(slash('help'), form, { at: stale })).status).toBe(401);
    expect((await post(slash('help'), form, null)).status).toBe(401);
    expect(h.requests).toEqual([]);
    expect(api.responses).toEqual([]);
  });

  it('acks at once while the command is still working, then answers through response_url', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    h = await startSlackHarness(api, {
      mode: 'http',
      incidents: [incident],
      beforeRun: () => gate,
    });
    const res = await post(slash('recent'), form);
    expect(res.status).toBe(200);
    await res.text();
    // The HTTP ack arrived although the command core cannot finish before release().
    expect(api.responses).toEqual([]);
    await api.waitFor(() => h?.requests.length === 1);
    expect(api.responses).toEqual([]);
    release();
    await api.waitFor(() => api.responses.length === 1);
    expect(JSON.stringify(api.responses[0]?.body)).toContain('Rocket attack on Erbil');
    expect(JSON.stringify(api.responses[0]?.body)).not.toContain('<!channel>');
  });

  it('runs a subscribe and lists it as ephemeral replies, with the user as owner', async () => {
    h = await startSlackHarness(api, { mode: 'http' });
    await post(slash('subscribe drone place:anbar', { channel_id: 'D1' }), form);
    await api.waitFor(() => api.responses.length === 1);
    const subs = await h.subs.listByOwner('slack', 'T1', 'U1');
    expect(subs.map((s) => s.query)).toEqual(['drone place:anbar']);
    expect(subs[0]?.destination).toEqual({
      platform: 'slack',
      workspaceId: 'T1',
      kind: 'dm',
      id: 'U1',
    });
    await post(slash('subscriptions'), form);
    await api.waitFor(() => api.responses.length === 2);
    expect(api.responses[1]?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(api.responses[1]?.body)).toContain('drone place:anbar');
  });

  it('knows workspace admins from users.info and configured admins; others are refused', async () => {
    h = await startSlackHarness(api, { mode: 'http', admins: 'UCFG' });
    api.workspaceAdmins.add('UADM');
    await post(slash('route militia-attacks', { user_id: 'UNOBODY' }), form);
    await api.waitFor(() => api.responses.length === 1);
    expect(JSON.stringify(api.responses[0]?.body)).toContain('Only workspace admins');
    await post(slash('route militia-attacks', { user_id: 'UADM' }), form);
    await post(slash('route militia-attacks', { user_id: 'UCFG', channel_id: 'C2' }), form);
    await api.waitFor(() => api.responses.length === 3);
    const routes = [...h.subs.subs.values()].filter((s) => s.kind === 'route');
    expect(routes.map((r) => r.destination.id).sort()).toEqual(['C1', 'C2']);
    expect(h.requests.map((r) => r.user.isAdmin)).toEqual([false, true, true]);
    expect(api.of('users.info').map((c) => c.args.user)).not.toContain('UCFG');
  });

  it('runs a button click as the clicking user and answers only them', async () => {
    h = await startSlackHarness(api, { mode: 'http', incidents: [incident] });
    const payload = buttonClick({
      actionId: 'sitrep:details',
      value: 'incident inc-7',
      user_id: 'U9',
      response_url: `${api.responseBase}/click`,
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect((await post(body, form)).status).toBe(200);
    await api.waitFor(() => api.responses.length === 1);
    expect(h.requests[0]).toMatchObject({ text: 'incident inc-7', user: { id: 'U9' } });
    expect(api.responses[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
    });
    expect(JSON.stringify(api.responses[0]?.body)).toContain('Rocket attack on Erbil');
  });

  it('publishes the App Home tab with the subscriptions and latest incidents', async () => {
    h = await startSlackHarness(api, { mode: 'http', incidents: [incident] });
    await h.subs.create(
      {
        kind: 'personal',
        ownerId: 'U1',
        destination: { platform: 'slack', workspaceId: 'T1', kind: 'dm', id: 'U1' },
        query: 'rocket place:erbil',
        mode: 'live',
      },
      new Date(),
    );
    const res = await post(JSON.stringify(appHomeOpened('U1')), 'application/json');
    expect(res.status).toBe(200);
    await api.waitFor(() => api.of('views.publish').length === 1);
    const call = api.of('views.publish')[0];
    expect(call?.args.user_id).toBe('U1');
    const view = JSON.stringify(call?.args.view);
    expect(view).toContain('rocket place:erbil');
    expect(view).toContain('[inc-7] Rocket attack on Erbil');
    expect(view).not.toContain('<!channel>');
  });
});
