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
  start: {
    summary: 'run the worker: poll the configured feeds and deliver alerts',
    load: () => import('./start.command.js'),
  },
  demo: {
    summary: 'run the whole pipeline on local fixture feeds and print the alerts',
    load: () => import('./demo.command.js'),
  },
  feed: {
    summary: 'feed parse FILE|URL: read a feed and print its items as JSON; feed corpus DIR',
    load: () => import('./feed.command.js'),
  },
  feeds: {
    summary: 'feed health from Redis: state, last poll, last error, next poll (--json)',
    load: () => import('./feeds.command.js'),
  },
  classify: {
    summary: 'classify JSON-lines items into topics (stdin or --input FILE)',
    load: () => import('./classify.command.js'),
  },
  extract: {
    summary: 'extract incident facts from JSON-lines items (stdin or --input FILE)',
    load: () => import('./extract.command.js'),
  },
  cluster: {
    summary: 'cluster JSON-lines items into incidents, in order (stdin or --input FILE)',
    load: () => import('./cluster.command.js'),
  },
  topics: {
    summary: 'list topics, train the topic model from labelled items, or build a topic profile',
    load: () => import('./topics.command.js'),
  },
  map: {
    summary: 'map --sample FILE: draw the incident map of invented incidents to a PNG',
    load: () => import('./map.command.js'),
  },
  discord: {
    summary: 'discord register [--guild ID]: register the /sitrep slash command with Discord',
    load: () => import('./discord.command.js'),
  },
  eval: {
    summary: 'score matching, clustering and the seed extractions on a labelled set (--input FILE)',
    load: () => import('./eval.command.js'),
  },
};
