/**
 * Which chat front ends `sitrep start` runs: each one whose settings are present. With none,
 * alerts are printed (the console front end, src/chat/console/).
 */
import { createDiscordFrontEnd } from '../chat/discord/discord-front-end.js';
import type { FrontEndFactory } from '../chat/front-end.js';
import { createSlackFrontEnd } from '../chat/slack/slack-front-end.js';
import type { Config } from '../config/schema.js';

export interface ChosenFrontEnd {
  readonly name: string;
  readonly factory: FrontEndFactory;
}

export function frontEndsFor(config: Readonly<Config>): ChosenFrontEnd[] {
  const out: ChosenFrontEnd[] = [];
  if (config.slack.botToken) out.push({ name: 'slack', factory: createSlackFrontEnd });
  if (config.discord.token) out.push({ name: 'discord', factory: createDiscordFrontEnd });
  return out;
}
