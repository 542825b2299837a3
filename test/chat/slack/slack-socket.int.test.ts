/**
 * The real Bolt app in Socket Mode against a fake Socket Mode server and Web API: slash
 * commands, button clicks and App Home events arrive as envelopes, are acknowledged on the
 * socket, and answered through response_url / views.publish.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../support/fake-slack-api.js';
import { startFakeSocketMode, type FakeSocketMode } from '../../support/fake-socket-mode.js';
import { makeIncident } from '../../support/make-incident.js';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness.js';
import { appHomeOpened, buttonClick, slashCommandForm } from '../../support/slack-requests.js';

let api: FakeSlackApi;
let socket: FakeSocketMode;
let h: SlackHarness | null;

const incident = makeIncident({
  id: 'inc-3',
  headline: 'Drone strike near Tanf <@U0ADMIN>',
  topics: ['militia-attacks'],
  firstSeen: new Date().toISOString(),
  updatedAt: new Date().toISOString(),
});

beforeEach(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSocketMode();
  api.socketUrl = socket.url;
  h = null;
});

afterEach(async () => {
  await h?.frontEnd.stop();
  await socket.close();
  await api.close();
});

describe('Slack Socket Mode', () => {
  it('connects with the app token and answers a slash command through response_url', async () => {
    h = await startSlackHarness(api, { mode: 'socket', incidents: [incident] });
    expect(api.of('apps.connections.open')[0]?.token).toBe('xapp-test');
    expect(h.frontEnd.port).toBeNull();
    const ack = await socket.send(
      'slash_commands',
      slashCommandForm({ text: 'incident inc-3', response_url: `${api.responseBase}/s1` }),
    );
    expect(ack.envelope_id).toBeTruthy();
    await api.waitFor(() => api.responses.length === 1);
    const body = JSON.stringify(api.responses[0]?.body);
    expect(body).toContain('Drone strike near Tanf');
    expect(body).not.toContain('<@U0ADMIN>');
    expect(h.requests[0]).toMatchObject({ text: 'incident inc-3', platform: 'slack' });
  });

  it('runs a Mute button click as the clicking user in that channel, answered ephemerally', async () => {
    h = await startSlackHarness(api, { mode: 'socket', incidents: [incident], admins: 'U5' });
    await socket.send(
      'interactive',
      buttonClick({
        actionId: 'sitrep:mute-topic',
        value: 'mute militia-attacks for 8h',
        user_id: 'U5',
        channel_id: 'C7',
        response_url: `${api.responseBase}/b1`,
      }),
    );
    await api.waitFor(() => api.responses.length === 1);
    expect(api.responses[0]?.body.response_type).toBe('ephemeral');
    const mutes = await h.mutes.listActive(
      { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: 'C7' },
      new Date(),
    );
    expect(mutes.map((m) => m.target)).toEqual([{ kind: 'topic', topic: 'militia-attacks' }]);
    expect(mutes[0]?.createdBy).toBe('U5');
  });

  it('publishes the App Home tab on app_home_opened', async () => {
    h = await startSlackHarness(api, { mode: 'socket', incidents: [incident] });
    await socket.send('events_api', appHomeOpened('U4'));
    await api.waitFor(() => api.of('views.publish').length === 1);
    expect(api.of('views.publish')[0]?.args.user_id).toBe('U4');
    expect(JSON.stringify(api.of('views.publish')[0]?.args.view)).toContain('[inc-3]');
  });

  it('fails to start with a clear error when Slack refuses the app token', async () => {
    api.failNext('apps.connections.open', {
      status: 200,
      body: { ok: false, error: 'invalid_auth' },
    });
    await expect(startSlackHarness(api, { mode: 'socket' })).rejects.toThrow(
      /could not connect in Socket Mode/,
    );
  });

  it(
    'gives up starting with a clear error when the socket never connects, and stops retrying',
    {
      timeout: 20_000,
    },
    async () => {
      await socket.close();
      api.socketUrl = socket.url; // nothing listens there any more
      await expect(startSlackHarness(api, { mode: 'socket' })).rejects.toThrow(
        /could not connect in Socket Mode: no connection within 2 s/,
      );
      const opened = api.of('apps.connections.open').length;
      expect(opened).toBeGreaterThanOrEqual(1);
      // Unstopped, the Socket Mode client would reconnect (and call apps.connections.open) within
      // about five seconds; stopped, it never does.
      await new Promise((r) => setTimeout(r, 6_500));
      expect(api.of('apps.connections.open')).toHaveLength(opened);
    },
  );

  it('fails to start with a clear error when the Web API cannot be reached', async () => {
    await api.close();
    await expect(startSlackHarness(api, { mode: 'socket' })).rejects.toThrow(
      /could not reach Slack to check SLACK_BOT_TOKEN \(auth.test: /,
    );
    api = await startFakeSlackApi(); // afterEach closes it
  });

  it('fails to start with a clear error when Slack refuses the bot token', async () => {
    api.failNext('auth.test', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    await expect(startSlackHarness(api, { mode: 'socket' })).rejects.toThrow(
      /Slack rejected SLACK_BOT_TOKEN \(auth.test: invalid_auth\)/,
    );
    expect(socket.connections).toBe(0);
  });
});
