import { describe, expect, it } from 'vitest';
import { clickRequest, slashRequest } from './command-request.js';

const now = new Date('2026-03-01T10:00:00Z');

describe('slashRequest', () => {
  it('maps a slash command in a channel', () => {
    const req = slashRequest(
      {
        text: ' subscribe drone ',
        user_id: 'U1',
        user_name: 'ann',
        channel_id: 'C1',
        team_id: 'T1',
      },
      true,
      now,
    );
    expect(req).toEqual({
      text: 'subscribe drone',
      platform: 'slack',
      user: { id: 'U1', name: 'ann', isAdmin: true },
      channel: { id: 'C1', isDirect: false },
      workspaceId: 'T1',
      now,
    });
  });

  it('turns the entities Slack puts in command text back into what the user typed', () => {
    const req = slashRequest(
      {
        text: 'subscribe killed&gt;=1 &lt;x&gt; R&amp;D &amp;gt;',
        user_id: 'U1',
        channel_id: 'C1',
        team_id: 'T1',
      },
      false,
      now,
    );
    expect(req.text).toBe('subscribe killed>=1 <x> R&D &gt;');
  });

  it('knows a DM by its channel id or name', () => {
    const base = { text: '', user_id: 'U1', team_id: 'T1' };
    expect(slashRequest({ ...base, channel_id: 'D1' }, false, now).channel.isDirect).toBe(true);
    expect(
      slashRequest({ ...base, channel_id: 'C9', channel_name: 'directmessage' }, false, now).channel
        .isDirect,
    ).toBe(true);
  });
});

describe('clickRequest', () => {
  it('runs the button command as the clicking user, in the channel of the message', () => {
    const req = clickRequest(
      { user: { id: 'U2', name: 'bo' }, team: { id: 'T1' }, channel: { id: 'C5' } },
      'mute militia-attacks for 8h',
      false,
      now,
    );
    expect(req).toMatchObject({
      text: 'mute militia-attacks for 8h',
      user: { id: 'U2', isAdmin: false },
      channel: { id: 'C5', isDirect: false },
      workspaceId: 'T1',
    });
  });

  it('falls back to the user team when the payload has no team (enterprise)', () => {
    const req = clickRequest({ user: { id: 'U2', team_id: 'T7' }, team: null }, 'help', false, now);
    expect(req.workspaceId).toBe('T7');
    expect(req.channel.isDirect).toBe(true);
  });
});
