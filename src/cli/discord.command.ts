import { parseArgs } from 'node:util';
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import { sitrepCommand } from '../chat/discord/command-definition.js';
import { restOptions } from '../chat/discord/discord-front-end.js';
import { loadConfig } from '../config/load-config.js';
import { loadTopics } from '../config/load-topics.js';
import { UserError } from '../domain/errors.js';
import { writeLine, type CliIo } from './io.js';

const HELP = `usage: sitrep discord register [--guild ID] [--print]

Registers the /sitrep slash command (its subcommands, options, topic choices and autocomplete)
with Discord for the application DISCORD_APP_ID, using DISCORD_TOKEN (DISCORD_API_URL overrides
the API base URL). It replaces the application's whole command list (PUT).

  --guild ID  register in one server only: shows up at once (global commands can take a while)
  --print     print the registration JSON instead of sending it

Run it again after changing the topics (config/topics) so the topic choices follow.
See docs/DISCORD.md.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      guild: { type: 'string' },
      print: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  if (positionals[0] !== 'register' || positionals.length > 1)
    throw new UserError('USAGE', `expected "register"\n\n${HELP}`);
  const config = loadConfig();
  const topics = loadTopics(config.match.topicsDir).map((t) => ({ id: t.id, title: t.title }));
  const body = [sitrepCommand(topics)];
  if (values.print) {
    writeLine(io.stdout, JSON.stringify(body, null, 2));
    return 0;
  }
  const { token, appId, apiUrl } = config.discord;
  if (!token || !appId) throw new UserError('USAGE', 'set DISCORD_TOKEN and DISCORD_APP_ID first');
  const guild = values.guild;
  const rest = new REST(restOptions(apiUrl)).setToken(token);
  try {
    const route = guild
      ? Routes.applicationGuildCommands(appId, guild)
      : Routes.applicationCommands(appId);
    const saved = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    const names = saved.map((c) => `/${c.name}`).join(', ');
    const where = guild ? `in server ${guild} (available now)` : 'globally';
    writeLine(
      io.stdout,
      `Registered ${names} ${where}: ${body[0]?.options?.length ?? 0} subcommands, ${topics.length} topics.`,
    );
    return 0;
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
