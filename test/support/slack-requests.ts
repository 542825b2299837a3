/** Slack request bodies and signatures for tests (slash commands, button clicks, events). */
import { createHmac } from 'node:crypto';

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function slashCommandForm(fields: {
  text: string;
  user_id?: string;
  channel_id?: string;
  team_id?: string;
  response_url: string;
}): Record<string, string> {
  return {
    token: 'legacy',
    team_id: fields.team_id ?? 'T1',
    team_domain: 'test',
    channel_id: fields.channel_id ?? 'C1',
    channel_name: 'ops',
    user_id: fields.user_id ?? 'U1',
    user_name: 'ann',
    command: '/sitrep',
    text: fields.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: 'trigger-1',
  };
}

/** A block_actions payload for a click on a button with `value`. */
export function buttonClick(fields: {
  actionId: string;
  value: string;
  user_id?: string;
  channel_id?: string;
  response_url: string;
}): Record<string, unknown> {
  const user = fields.user_id ?? 'U1';
  return {
    type: 'block_actions',
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'trigger-2',
    team: { id: 'T1', domain: 'test' },
    user: { id: user, username: 'ann', name: 'ann', team_id: 'T1' },
    channel: { id: fields.channel_id ?? 'C1', name: 'ops' },
    container: { type: 'message', message_ts: '1.0', channel_id: fields.channel_id ?? 'C1' },
    message: { ts: '1.0', type: 'message', text: 'alert' },
    response_url: fields.response_url,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b1',
        value: fields.value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: '2.0',
      },
    ],
  };
}

/** An events_api body for app_home_opened. */
export function appHomeOpened(user: string): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '3.0' },
  };
}
