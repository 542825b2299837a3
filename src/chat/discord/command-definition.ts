/**
 * The `/sitrep` application command as registered with Discord (pure JSON): one subcommand per
 * command-core subcommand (feeds is a group: list / add / remove), typed options, topic
 * choices from the loaded topics, and autocomplete for incident ids, places, actors,
 * subscriptions and routes. `sitrep discord register` PUTs `[sitrepCommand(topics)]`.
 */
import {
  ApplicationCommandOptionType as T,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOptionChoice,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { SUBCOMMANDS, usageOf } from '../../command/subcommand-usage.js';
import { LIMITS, truncate } from './limits.js';

export interface TopicChoice {
  readonly id: string;
  readonly title: string;
}

export const COMMAND_NAME = 'sitrep';
const DESCRIPTION = 'Alerts on incidents involving US and coalition forces in Iraq and Syria';

type Basic = APIApplicationCommandBasicOption;
type Sub = APIApplicationCommandSubcommandOption;

const desc = (text: string) => truncate(text, 100);

function summary(name: string): string {
  const u = usageOf(name);
  return desc(`${u?.summary ?? name}${u?.admin ? ` (${u.admin})` : ''}`);
}

interface StringExtra {
  readonly required?: boolean;
  readonly autocomplete?: boolean;
  readonly choices?: APIApplicationCommandOptionChoice<string>[];
}

/** A string option: with fixed choices, or with autocomplete, or free text. */
function str(name: string, description: string, extra: StringExtra = {}): Basic {
  const base = {
    type: T.String as const,
    name,
    description: desc(description),
    ...(extra.required ? { required: true } : {}),
  };
  if (extra.choices) return { ...base, choices: extra.choices };
  return extra.autocomplete ? { ...base, autocomplete: true } : base;
}

function choices(values: readonly string[]): APIApplicationCommandOptionChoice<string>[] {
  return values.map((v) => ({ name: v, value: v }));
}

/** A topic option: fixed choices when they fit (25), else autocomplete. */
function topicOption(topics: readonly TopicChoice[], description: string, required = false): Basic {
  if (topics.length === 0 || topics.length > LIMITS.choices)
    return str('topic', description, { required, autocomplete: true });
  return str('topic', description, {
    required,
    choices: topics.map((t) => ({
      name: truncate(`${t.title} (${t.id})`, LIMITS.choiceName),
      value: t.id,
    })),
  });
}

const DIGEST = () =>
  str('digest', 'Delivery: live, or an hourly/daily digest', {
    choices: choices(['live', 'hourly', 'daily']),
  });
const INCIDENT_ID = (name = 'id') =>
  str(name, 'Incident id (type to search recent incidents)', {
    required: true,
    autocomplete: true,
  });

function sub(name: string, options: Basic[] = [], description = summary(name)): Sub {
  return { type: T.Subcommand, name, description, options };
}

function feedsGroup(): APIApplicationCommandSubcommandGroupOption {
  return {
    type: T.SubcommandGroup,
    name: 'feeds',
    description: summary('feeds'),
    options: [
      sub('list', [], 'Feed health: ok / failing and why / last item'),
      sub(
        'add',
        [str('url', 'The feed URL (RSS or Atom)', { required: true })],
        'Add a feed (admins)',
      ),
      sub(
        'remove',
        [str('feed', 'The feed id (see /sitrep feeds list)', { required: true })],
        'Remove a feed (admins)',
      ),
    ],
  };
}

/** Reading incidents. */
function readingSubcommands(): Sub[] {
  return [
    sub('recent', [
      {
        type: T.Integer,
        name: 'count',
        description: 'How many (1-50, default 10)',
        min_value: 1,
        max_value: 50,
      },
      str('query', 'Only incidents matching this query, e.g. place:anbar killed>=1'),
      str('since', 'How far back (default 24h)', {
        choices: choices(['6h', '24h', '3d', '7d', '30d']),
      }),
    ]),
    sub('incident', [INCIDENT_ID()]),
    sub('search', [
      str('query', 'e.g. "Kataib Hezbollah" drone, or type:battles killed>=5', { required: true }),
    ]),
    sub('why', [INCIDENT_ID()]),
    sub(
      'map',
      [
        str('period', 'How far back (default 7d)', { choices: choices(['24h', '7d', '30d']) }),
        str('query', 'Only incidents matching this query, e.g. topic:casualties or place:anbar'),
        { type: T.Boolean, name: 'private', description: 'Show the map to you alone' },
      ],
      'A map and timeline of the period: incidents by place, type and casualties',
    ),
  ];
}

/** Personal subscriptions. */
function subscriptionSubcommands(topics: readonly TopicChoice[]): Sub[] {
  return [
    sub('subscribe', [
      str('query', 'What to match, e.g. drone OR rocket, killed>=1, side:isis'),
      topicOption(topics, 'Only this topic'),
      str('place', 'Only this place (type to search)', { autocomplete: true }),
      str('actor', 'Only this actor (type to search)', { autocomplete: true }),
      {
        type: T.Boolean,
        name: 'here',
        description: 'Subscribe this channel instead of your DMs (admins)',
      },
      DIGEST(),
      str('quiet', 'Quiet hours, e.g. 22:00-07:00 (needs tz)'),
      str('tz', 'Time zone of the quiet hours, e.g. Europe/Berlin'),
      {
        type: T.Integer,
        name: 'urgent',
        description: 'During quiet hours, still alert at this many killed',
        min_value: 1,
      },
    ]),
    sub('unsubscribe', [
      str('subscription', 'Subscription id or its query', { required: true, autocomplete: true }),
    ]),
    sub('subscriptions'),
    sub('topics'),
  ];
}

/** What a channel gets, feeds and help. */
function channelSubcommands(
  topics: readonly TopicChoice[],
): (Sub | APIApplicationCommandSubcommandGroupOption)[] {
  return [
    sub('route', [
      topicOption(topics, 'Post this topic here'),
      str('query', 'Or a query, e.g. place:syria killed>=1'),
      DIGEST(),
      { type: T.Boolean, name: 'weekly-map', description: 'Also post a map of them every week' },
    ]),
    sub('unroute', [
      str('route', 'Route id (see /sitrep routes)', { required: true, autocomplete: true }),
    ]),
    sub('routes'),
    feedsGroup(),
    sub('mute', [
      str('target', 'A topic or an incident id (type to search)', {
        required: true,
        autocomplete: true,
      }),
      str('for', 'How long, e.g. 30m, 8h, 2d (default 8h)'),
    ]),
    sub('help', [
      str('subcommand', 'Help on one subcommand', {
        choices: choices(SUBCOMMANDS.map((s) => s.name)),
      }),
    ]),
  ];
}

export function sitrepCommand(
  topics: readonly TopicChoice[],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: COMMAND_NAME,
    description: DESCRIPTION,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      ...readingSubcommands(),
      ...subscriptionSubcommands(topics),
      ...channelSubcommands(topics),
    ],
  };
}
