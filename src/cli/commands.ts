/**
 * The `sitrep` subcommands. Each module exports `run(args, io)` and is loaded only when called,
 * so `sitrep classify` does not pay for BullMQ or Redis.
 */
import type { CliIo } from './io.js';

export type CommandModule = { run(args: string[], io: CliIo): Promise<number> };

export interface CommandEntry {
  summary: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  feed: {
    summary: 'feed parse FILE|URL: read a feed and print its items as JSON; feed corpus DIR',
    load: () => import('./feed.command.js'),
  },
};
