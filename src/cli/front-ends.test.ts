import { describe, expect, it } from 'vitest';
import { createDiscordFrontEnd } from '../chat/discord/discord-front-end.js';
import { loadConfig } from '../config/load-config.js';
import { frontEndsFor } from './front-ends.js';

describe('frontEndsFor', () => {
  it('runs the Discord front end when DISCORD_TOKEN (and the app id) are set', () => {
    const config = loadConfig({ env: { DISCORD_TOKEN: 't', DISCORD_APP_ID: 'a' } });
    expect(frontEndsFor(config)).toEqual([{ name: 'discord', factory: createDiscordFrontEnd }]);
  });

  it('runs no Discord front end without a token', () => {
    expect(frontEndsFor(loadConfig({ env: {} })).map((f) => f.name)).not.toContain('discord');
  });
});
