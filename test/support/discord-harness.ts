/**
 * Starts the real Discord front end (discord.js) against the fake Discord, over in-memory
 * command stores, and builds interaction payloads as Discord sends them.
 */
import type { CommandDeps } from '../../src/command/command-deps.js';
import { runCommand } from '../../src/command/run-command.js';
import type { CommandService } from '../../src/chat/front-end.js';
import {
  discordFrontEnd,
  type DiscordFrontEnd,
  type DiscordFrontEndOptions,
} from '../../src/chat/discord/discord-front-end.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Incident } from '../../src/domain/incident.js';
import { createLogger } from '../../src/log/logger.js';
import { nextId, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import {
  memoryCommandDeps,
  type FakeFeeds,
  type MemoryMuteStore,
  type MemorySubscriptionStore,
} from './memory-stores.js';

export const log = createLogger({ level: 'silent', pretty: false });
export const APP_ID = 'app-1';
export const GUILD = 'G1';
export const CHANNEL = 'C1';
/** Manage Guild. */
export const MANAGE_GUILD = '32';

export interface Harness {
  readonly fake: FakeDiscord;
  readonly frontEnd: DiscordFrontEnd;
  readonly deps: CommandDeps & {
    subscriptions: MemorySubscriptionStore;
    mutes: MemoryMuteStore;
    feedRegistry: FakeFeeds;
  };
  /** Commands run, in order (the text the command core saw). */
  readonly ran: string[];
  close(): Promise<void>;
}

export interface HarnessOptions extends DiscordFrontEndOptions {
  readonly incidents?: Incident[];
  readonly admins?: string[];
  readonly discord?: Record<string, unknown>;
}

/** The command core over in-memory stores; records the text of every command run. */
export function memoryCommands(incidents: Incident[] = []) {
  const deps = memoryCommandDeps(incidents);
  const ran: string[] = [];
  const commands: CommandService = {
    run: (req) => {
      ran.push(req.text);
      return runCommand(req, deps);
    },
    deps,
  };
  return { deps, commands, ran };
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord();
  const { deps, commands, ran } = memoryCommands(options.incidents ?? []);
  const config = loadConfig({
    env: {},
    overrides: {
      discord: {
        token: 'fake-token',
        appId: APP_ID,
        apiUrl: fake.api,
        admins: options.admins ?? [],
        ...options.discord,
      },
    },
  });
  try {
    const frontEnd = (await discordFrontEnd(options)({ config, log, commands })) as DiscordFrontEnd;
    return {
      fake,
      frontEnd,
      deps,
      ran,
      async close() {
        await frontEnd.stop();
        await fake.close();
      },
    };
  } catch (err) {
    await fake.close();
    throw err;
  }
}

export interface Who {
  readonly user?: string;
  readonly permissions?: string;
  /** A DM with the bot (no guild, no member). */
  readonly dm?: boolean;
}

function base(type: number, who: Who) {
  const id = nextId();
  const user = {
    id: who.user ?? 'U1',
    username: 'alice',
    discriminator: '0',
    avatar: null,
    global_name: null,
  };
  const where = who.dm
    ? { user, channel_id: 'D1', channel: { id: 'D1', type: 1 }, context: 1 }
    : {
        guild_id: GUILD,
        channel_id: CHANNEL,
        channel: { id: CHANNEL, type: 0, guild_id: GUILD },
        member: {
          user,
          roles: [],
          permissions: who.permissions ?? '0',
          joined_at: '2026-01-01T00:00:00Z',
          deaf: false,
          mute: false,
          flags: 0,
        },
        guild: { id: GUILD, locale: 'en-US', features: [] },
        context: 0,
      };
  return {
    id,
    token: `tok-${id}`,
    application_id: APP_ID,
    type,
    version: 1,
    locale: 'en-US',
    app_permissions: '2251799813685247',
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 8_388_608,
    ...where,
  };
}

export interface Opt {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: Opt[];
  focused?: boolean;
}

export const S = 3;
export const INT = 4;
export const BOOL = 5;

/** A /sitrep chat-input interaction: `path` "subscribe" or "feeds add", string options. */
export function slash(path: string, options: Opt[] = [], who: Who = {}) {
  const [first = '', second] = path.split(' ');
  const leaf = { name: second ?? first, type: 1, options };
  const top = second ? [{ name: first, type: 2, options: [leaf] }] : [leaf];
  return { ...base(2, who), data: { id: 'cmd-1', name: 'sitrep', type: 1, options: top } };
}

export function opt(name: string, value: string | number | boolean, focused = false): Opt {
  const type = typeof value === 'number' ? INT : typeof value === 'boolean' ? BOOL : S;
  return { name, type, value, ...(focused ? { focused: true } : {}) };
}

export function autocomplete(path: string, options: Opt[], who: Who = {}) {
  return { ...slash(path, options, who), type: 4 };
}

export function click(customId: string, who: Who = {}) {
  const b = base(3, who);
  return {
    ...b,
    data: { custom_id: customId, component_type: 2 },
    message: {
      id: nextId(),
      channel_id: b.channel_id,
      author: {
        id: '900000000000000001',
        username: 'sitrep',
        discriminator: '0',
        avatar: null,
        bot: true,
      },
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
    },
  };
}
