/**
 * A Discord interaction → the command core's input: the subcommand and its options back to the
 * `/sitrep` text a user would type (`/sitrep subscribe query:drone place:Erbil` →
 * "subscribe place:Erbil drone"), and who is asking (admins: Manage Guild, Administrator, or
 * listed in DISCORD_ADMINS). Works on the raw option tree, which the gateway (discord.js
 * `options.data`) and the HTTP endpoint (the interaction JSON) share.
 */
import { PermissionFlagsBits } from 'discord.js';
import type { CommandRequest } from '../../command/command-types.js';

export interface OptionNode {
  readonly name: string;
  /** 1 subcommand, 2 subcommand group, others are values. */
  readonly type?: number;
  readonly value?: string | number | boolean | undefined;
  readonly options?: readonly OptionNode[] | undefined;
  readonly focused?: boolean | undefined;
}

/** Who and where, taken from an interaction of either transport. */
export interface InteractionContext {
  readonly userId: string;
  readonly userName?: string;
  /** null in a DM with the bot. */
  readonly guildId: string | null;
  readonly channelId: string;
  /** The member's permissions in the channel (interaction `member.permissions`), null in DMs. */
  readonly permissions: bigint | null;
}

const ADMIN_BITS = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.Administrator;

export function isAdmin(ctx: InteractionContext, admins: readonly string[]): boolean {
  if (admins.includes(ctx.userId)) return true;
  return ctx.permissions !== null && (ctx.permissions & ADMIN_BITS) !== 0n;
}

export function commandRequest(
  ctx: InteractionContext,
  text: string,
  admins: readonly string[],
  now: Date,
): CommandRequest {
  return {
    text,
    platform: 'discord',
    user: {
      id: ctx.userId,
      ...(ctx.userName ? { name: ctx.userName } : {}),
      isAdmin: isAdmin(ctx, admins),
    },
    channel: { id: ctx.channelId, isDirect: ctx.guildId === null },
    workspaceId: ctx.guildId ?? '',
    now,
  };
}

/** A value as one query word: quoted when it has spaces ("Ain al-Asad"). */
export function quoted(value: string): string {
  const v = value.replace(/"/g, '').trim();
  return /\s/.test(v) ? `"${v}"` : v;
}

/** The chosen subcommand path ("subscribe", "feeds add") and its leaf options. */
export function subcommandOf(options: readonly OptionNode[]): {
  path: string[];
  leaves: ReadonlyMap<string, string>;
  focused?: OptionNode;
} {
  const path: string[] = [];
  let level = options;
  for (;;) {
    const [branch] = level;
    const isBranch =
      level.length === 1 &&
      branch !== undefined &&
      branch.value === undefined &&
      (branch.type === undefined || branch.type === 1 || branch.type === 2);
    if (!isBranch) break;
    path.push(branch.name);
    level = branch.options ?? [];
  }
  const leaves = new Map<string, string>();
  let focused: OptionNode | undefined;
  for (const o of level) {
    if (o.focused) focused = o;
    if (o.value !== undefined && String(o.value).trim() !== '')
      leaves.set(o.name, String(o.value).trim());
  }
  return { path, leaves, ...(focused ? { focused } : {}) };
}

type Builder = (o: ReadonlyMap<string, string>) => (string | undefined | false)[];

const flag = (name: string, value: string | undefined) =>
  value !== undefined && `--${name} ${quoted(value)}`;

const BUILDERS: Record<string, Builder> = {
  recent: (o) => [o.get('count'), o.get('query'), o.has('since') && `since ${o.get('since')}`],
  incident: (o) => [o.get('id')],
  map: (o) => [o.get('period'), o.get('query'), o.get('private') === 'true' && '--dm'],
  search: (o) => [o.get('query')],
  subscribe: (o) => [
    o.get('here') === 'true' && 'here',
    o.has('topic') && `topic:${o.get('topic')}`,
    o.has('place') && `place:${quoted(o.get('place') ?? '')}`,
    o.has('actor') && `actor:${quoted(o.get('actor') ?? '')}`,
    o.get('query'),
    flag('digest', o.get('digest')),
    flag('quiet', o.get('quiet')),
    flag('tz', o.get('tz')),
    flag('urgent', o.get('urgent')),
  ],
  unsubscribe: (o) => [o.get('subscription')],
  route: (o) => [
    o.has('topic') && (o.has('query') ? `topic:${o.get('topic')}` : o.get('topic')),
    o.get('query'),
    flag('digest', o.get('digest')),
    o.get('weekly-map') === 'true' && '--weekly-map',
  ],
  unroute: (o) => [o.get('route')],
  'feeds list': () => [],
  'feeds add': (o) => [o.get('url')],
  'feeds remove': (o) => [o.get('feed')],
  why: (o) => [o.get('id')],
  mute: (o) => [o.get('target'), o.has('for') && `for ${o.get('for')}`],
  help: (o) => [o.get('subcommand')],
};

/** The command-core text of a `/sitrep` interaction's options. */
export function commandText(options: readonly OptionNode[]): string {
  const { path, leaves } = subcommandOf(options);
  const key = path.join(' ');
  const build = BUILDERS[key];
  const head = key === 'feeds list' ? 'feeds' : key;
  if (!build) return key || 'help';
  const parts = build(leaves).filter((p): p is string => typeof p === 'string' && p !== '');
  return [head, ...parts].join(' ');
}
