/**
 * The shipped app manifest (config/slack-manifest.json) is type-checked against the manifest
 * type of @slack/web-api: the typed copy below must compile (`satisfies`), and the JSON file
 * must equal it. JSON imports lose their string literal types, hence the copy.
 */
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import shipped from '../../../config/slack-manifest.json' with { type: 'json' };
import { SLASH_COMMAND } from './slack-handlers.js';

type Manifest = webApi.AppsManifestCreateArguments['manifest'];

const typed = {
  _metadata: { major_version: 1, minor_version: 1 },
  display_information: {
    name: 'sitrep',
    description: 'Alerts on incidents involving US and coalition forces in Iraq and Syria',
    long_description:
      'sitrep reads news feeds, groups reports of the same incident, and posts one alert per incident into the channels an admin routed it to and to the people who subscribed. Updates edit the original alert and add a thread reply. Type /sitrep help for the commands.',
    background_color: '#2c3e50',
  },
  features: {
    app_home: {
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: true,
    },
    bot_user: { display_name: 'sitrep', always_online: true },
    slash_commands: [
      {
        command: '/sitrep',
        description: 'Incidents, subscriptions and routes',
        usage_hint: 'help | recent | subscribe <query> | route <topic>',
        should_escape: false,
      },
    ],
  },
  oauth_config: {
    scopes: {
      bot: [
        'chat:write',
        'chat:write.public',
        'commands',
        'files:write',
        'im:write',
        'users:read',
        'channels:history',
        'groups:history',
        'im:history',
      ],
    },
  },
  settings: {
    event_subscriptions: { bot_events: ['app_home_opened'] },
    interactivity: { is_enabled: true },
    org_deploy_enabled: false,
    socket_mode_enabled: true,
    token_rotation_enabled: false,
  },
} satisfies Manifest;

describe('config/slack-manifest.json', () => {
  it('is exactly the manifest that type-checks against @slack/web-api', () => {
    expect(shipped).toEqual(typed);
  });

  it('declares what the front end needs', () => {
    expect(shipped.features.slash_commands.map((c) => c.command)).toEqual([SLASH_COMMAND]);
    expect(shipped.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'chat:write',
        'chat:write.public',
        'commands',
        'files:write',
        'im:write',
        'users:read',
        'channels:history',
        'groups:history',
        'im:history',
      ]),
    );
    expect(shipped.features.app_home.home_tab_enabled).toBe(true);
    expect(shipped.settings.event_subscriptions.bot_events).toContain('app_home_opened');
    expect(shipped.settings.interactivity.is_enabled).toBe(true);
    expect(shipped.settings.socket_mode_enabled).toBe(true);
    expect(shipped.display_information.name.length).toBeLessThanOrEqual(35);
    expect(shipped.display_information.description.length).toBeLessThanOrEqual(140);
  });
});
