/**
 * Which chat front ends `sitrep start` runs: each one whose settings are present. With none,
 * alerts are printed (the console front end, src/chat/console/). A front end's module (and
 * with it discord.js or @slack/bolt, ~20 MB of a worker's memory) is loaded only when it runs.
 */
import type { FrontEndFactory } from '../chat/front-end.js';
import type { Config } from '../config/schema.js';

export interface ChosenFrontEnd {
  readonly name: 'slack' | 'discord';
  readonly factory: FrontEndFactory;
}

const slack: FrontEndFactory = async (ctx) =>
  (await import('../chat/slack/slack-front-end.js')).createSlackFrontEnd(ctx);
const discord: FrontEndFactory = async (ctx) =>
  (await import('../chat/discord/discord-front-end.js')).createDiscordFrontEnd(ctx);

export function frontEndsFor(config: Readonly<Config>): ChosenFrontEnd[] {
  const out: ChosenFrontEnd[] = [];
  if (config.slack.botToken) out.push({ name: 'slack', factory: slack });
  if (config.discord.token) out.push({ name: 'discord', factory: discord });
  return out;
}
