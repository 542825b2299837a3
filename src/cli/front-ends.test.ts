import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { frontEndsFor } from './front-ends.js';

const names = (env: Record<string, string>) => frontEndsFor(loadConfig({ env })).map((f) => f.name);

describe('frontEndsFor', () => {
  it('runs the Discord front end when DISCORD_TOKEN (and the app id) are set', () => {
    expect(names({ DISCORD_TOKEN: 't', DISCORD_APP_ID: 'a' })).toEqual(['discord']);
  });

  it('runs the Slack front end when SLACK_BOT_TOKEN is set, and both when both are', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(names(slack)).toEqual(['slack']);
    expect(names({ ...slack, DISCORD_TOKEN: 't', DISCORD_APP_ID: 'a' })).toEqual([
      'slack',
      'discord',
    ]);
  });

  it('runs no chat front end without tokens (alerts are printed)', () => {
    expect(names({})).toEqual([]);
  });
});
