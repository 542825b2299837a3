/**
 * The contract between the composition root and a chat front end (src/chat/slack,
 * src/chat/discord, src/chat/console). A front end translates the platform's slash commands and button clicks into
 * CommandRequests for the command core, renders CommandReplies, and implements the ChatPlatform
 * port the delivery worker posts alerts through.
 *
 *   main.ts: stores → CommandService → factory(ctx) → FrontEnd → pipeline(platforms)
 */
import type { CommandDeps } from '../command/command-deps.js';
import type { CommandReply, CommandRequest } from '../command/command-types.js';
import type { Config } from '../config/schema.js';
import type { Subscription } from '../domain/subscription.js';
import type { Logger } from '../log/logger.js';
import type { ChatPlatform } from './chat-platform.js';

/** The command core bound to the real stores. `run` never throws. */
export interface CommandService {
  run(req: CommandRequest): Promise<CommandReply>;
  /** The stores behind it, for views that are not commands (Slack App Home, autocomplete). */
  readonly deps: CommandDeps;
}

export interface FrontEndContext {
  readonly config: Readonly<Config>;
  /** Already a child logger for this front end. */
  readonly log: Logger;
  readonly commands: CommandService;
}

export interface FrontEnd {
  /** What the delivery worker posts alerts through. */
  readonly platform: ChatPlatform;
  /**
   * Subscriptions the front end brings with it instead of storing them (the console: every
   * alert to this terminal). The alert worker plans them like stored ones.
   */
  readonly standing?: readonly Subscription[];
  /** Disconnects and closes listeners; idempotent. */
  stop(): Promise<void>;
}

/** Starts a front end (connects, listens); rejects with a clear error when it cannot. */
export type FrontEndFactory = (ctx: FrontEndContext) => Promise<FrontEnd>;
