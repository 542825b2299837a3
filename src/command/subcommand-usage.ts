/** Usage, summary and examples of every `/sitrep` subcommand: help text and usage replies. */

export interface SubcommandUsage {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly examples: readonly string[];
  readonly admin?: string;
}

export const SUBCOMMANDS: readonly SubcommandUsage[] = [
  {
    name: 'recent',
    usage: 'recent [N] [query] [since 24h|7d]',
    summary: 'The latest incidents, one line each (default 10 from the last 24 hours).',
    examples: ['recent', 'recent 5 place:anbar since 7d', 'recent killed>=1'],
  },
  {
    name: 'incident',
    usage: 'incident <id>',
    summary: 'The full card of an incident: facts, summary, sources, timeline of updates.',
    examples: ['incident inc-42'],
  },
  {
    name: 'search',
    usage: 'search <query>',
    summary: 'Incidents of the last 30 days matching a query, newest first.',
    examples: ['search "Kataib Hezbollah" drone', 'search type:battles side:isis killed>=5'],
  },
  {
    name: 'map',
    usage: 'map [24h|7d|30d] [query] [--dm]',
    summary:
      'A picture of the period: incidents on a map of Iraq and Syria, coloured by type and sized by casualties, with a timeline strip (default 7d). --dm sends it to you alone.',
    examples: ['map', 'map 24h', 'map 30d topic:casualties', 'map 7d place:anbar --dm'],
  },
  {
    name: 'subscribe',
    usage:
      'subscribe [here] <query> [--digest live|hourly|daily] [--quiet 22:00-07:00 --tz Europe/Berlin [--urgent N]]',
    summary:
      'Alerts matching the query by direct message. "here" subscribes this channel (admins).',
    examples: [
      'subscribe topic:casualties',
      'subscribe actor:"Kataib Hezbollah" (drone OR rocket) --digest hourly',
      'subscribe place:erbil --quiet 22:00-07:00 --tz Asia/Baghdad --urgent 1',
    ],
  },
  {
    name: 'unsubscribe',
    usage: 'unsubscribe <id|query>',
    summary: 'Removes one of your subscriptions, by id or by its query.',
    examples: ['unsubscribe s12', 'unsubscribe topic:casualties'],
  },
  {
    name: 'subscriptions',
    usage: 'subscriptions',
    summary: 'Your subscriptions, with their ids and whether delivery works.',
    examples: ['subscriptions'],
  },
  {
    name: 'topics',
    usage: 'topics',
    summary: 'The topics sitrep tracks, with a description and an example of each.',
    examples: ['topics'],
  },
  {
    name: 'route',
    usage: 'route <topic|query> [--digest live|hourly|daily] [--weekly-map]',
    summary:
      'Posts matching alerts into this channel; --weekly-map adds a weekly map of them (Mondays).',
    examples: [
      'route militia-attacks',
      'route place:syria killed>=1 --digest hourly',
      'route militia-attacks --weekly-map',
    ],
    admin: 'admins only',
  },
  {
    name: 'unroute',
    usage: 'unroute <id>',
    summary: 'Stops a route of this channel.',
    examples: ['unroute s7'],
    admin: 'admins only',
  },
  {
    name: 'routes',
    usage: 'routes',
    summary: 'What posts into this channel, and any delivery problem.',
    examples: ['routes'],
  },
  {
    name: 'feeds',
    usage: 'feeds | feeds add <url> | feeds remove <id>',
    summary: 'Feed health (ok / failing and why / last item); admins add or remove feeds.',
    examples: ['feeds', 'feeds add https://example.org/rss.xml', 'feeds remove example-org'],
    admin: 'add and remove: admins only',
  },
  {
    name: 'why',
    usage: 'why <incident id>',
    summary: 'Why an incident matched (the evidence) and where it was delivered.',
    examples: ['why inc-42'],
  },
  {
    name: 'mute',
    usage: 'mute <topic|incident id> [for 8h]',
    summary: 'Stops alerts of a topic or incident here for a while (default 8h).',
    examples: ['mute presence-politics for 2d', 'mute inc-42'],
    admin: 'in a channel: admins only; in a DM: your own alerts',
  },
  {
    name: 'help',
    usage: 'help [subcommand]',
    summary: 'This help, or the details of one subcommand.',
    examples: ['help subscribe'],
  },
];

export function usageOf(name: string): SubcommandUsage | undefined {
  return SUBCOMMANDS.find((s) => s.name === name);
}
