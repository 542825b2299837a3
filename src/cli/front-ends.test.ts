import { describe, expect, it } from 'vitest';
import { createDiscordFrontEnd } from '../chat/discord/discord-front-end.js';
import { createSlackFrontEnd } from '../chat/slack/slack-front-end.js';
import { loadConfig } from '../config/load-config.js';
import { frontEndsFor } from './front-ends.js';

describe('frontEndsFor', () => {
  it('runs the Discord front end when DISCORD_TOKEN (and the app id) are set', () => {
    const config = loadConfig({ env: { DISCORD_TOKEN: 't', DISCORD_APP_ID: 'a' } });
    expect(frontEndsFor(config)).toEqual([{ name: 'discord', factory: createDiscordFrontEnd }]);
  });

  it('runs the Slack front end when SLACK_BOT_TOKEN is set, and both when both are', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(frontEndsFor(loadConfig({ env: slack }))).toEqual([
      { name: 'slack', factory: createSlackFrontEnd },
    ]);
    const both = loadConfig({ env: { ...slack, DISCORD_TOKEN: 't', DISCORD_APP_ID: 'a' } });
    expect(frontEndsFor(both).map((f) => f.name)).toEqual(['slack', 'discord']);
  });

  it('runs no chat front end without tokens (alerts are printed)', () => {
    expect(frontEndsFor(loadConfig({ env: {} }))).toEqual([]);
  });
});
