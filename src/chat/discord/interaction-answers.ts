/**
 * What sitrep answers to an interaction, whichever transport brought it (gateway or HTTP):
 * a slash command runs its text through the command core; a button click runs the button's
 * command as the clicking user (always an ephemeral reply); autocomplete lists choices.
 */
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { buildAlertMessage } from '../../alert/alert-message.js';
import type { CommandReply } from '../../command/command-types.js';
import { errorReply } from '../../command/reply.js';
import type { Logger } from '../../log/logger.js';
import type { CommandService } from '../front-end.js';
import { autocompleteChoices } from './autocomplete.js';
import { decodeButtonId, type ButtonCommands } from './button-id.js';
import {
  commandRequest,
  commandText,
  subcommandOf,
  type InteractionContext,
  type OptionNode,
} from './interaction-request.js';
import { renderReply, type RenderedReply } from './reply-render.js';

/** Subcommands whose answers everyone in the channel sees (the rest are ephemeral). */
const PUBLIC = /^(route|unroute|feeds add|feeds remove)(\s|$)/;

export interface AnswerDeps {
  readonly commands: CommandService;
  readonly admins: readonly string[];
  readonly buttons: ButtonCommands;
  readonly log: Logger;
  readonly clock: () => Date;
}

/** A started answer: whether it will most likely be ephemeral (for a deferral), and the work. */
export interface PendingAnswer {
  readonly text: string;
  readonly likelyEphemeral: boolean;
  readonly reply: Promise<RenderedReply>;
}

export class InteractionAnswers {
  constructor(private readonly deps: AnswerDeps) {}

  private run(ctx: InteractionContext, text: string, forceEphemeral: boolean) {
    const req = commandRequest(ctx, text, this.deps.admins, this.deps.clock());
    return this.deps.commands
      .run(req)
      .then((r): CommandReply => (forceEphemeral ? { ...r, ephemeral: true } : r))
      .catch((err: unknown) => {
        this.deps.log.error({ err, text }, 'command failed');
        return errorReply('internal', 'Something went wrong on our side.');
      })
      .then((r) => renderReply(r, this.deps.buttons));
  }

  command(ctx: InteractionContext, options: readonly OptionNode[]): PendingAnswer {
    const text = commandText(options);
    const publicMap = /^map(\s|$)/.test(text) && !/(^|\s)--dm(\s|$)/.test(text);
    return {
      text,
      likelyEphemeral: !PUBLIC.test(text) && !publicMap,
      reply: this.run(ctx, text, false),
    };
  }

  button(ctx: InteractionContext, customId: string): PendingAnswer {
    const reply = this.buttonCommand(customId).then(
      (found) =>
        typeof found === 'string'
          ? this.run(ctx, found, true)
          : renderReply(found, this.deps.buttons),
      (err: unknown) => {
        this.deps.log.error({ err, customId }, 'button failed');
        return renderReply(
          errorReply('internal', 'Something went wrong on our side.'),
          this.deps.buttons,
        );
      },
    );
    return { text: customId, likelyEphemeral: true, reply };
  }

  /** The command a button stands for, or an error reply when it cannot be rebuilt. */
  private async buttonCommand(customId: string): Promise<string | CommandReply> {
    const id = decodeButtonId(customId);
    if (!id) return errorReply('usage', 'This button is not from sitrep.');
    if (id.kind === 'command') return id.command;
    if (id.kind === 'hashed') {
      const command = this.deps.buttons.commandFor(id.hash);
      return (
        command ??
        errorReply('not_found', 'This button has expired: run the /sitrep command again.')
      );
    }
    const incident = await this.deps.commands.deps.incidents.get(id.incidentId);
    if (!incident)
      return errorReply('not_found', `Incident ${id.incidentId} is no longer available.`);
    const button = buildAlertMessage(incident).buttons.find((b) => b.id === id.action);
    return button?.command ?? errorReply('not_found', 'That action is not available any more.');
  }

  async choices(
    ctx: InteractionContext,
    options: readonly OptionNode[],
  ): Promise<APIApplicationCommandOptionChoice<string>[]> {
    const { focused } = subcommandOf(options);
    if (!focused) return [];
    const req = commandRequest(ctx, '', this.deps.admins, this.deps.clock());
    try {
      return await autocompleteChoices(
        this.deps.commands,
        req,
        focused.name,
        String(focused.value ?? ''),
      );
    } catch (err) {
      this.deps.log.warn({ err, option: focused.name }, 'autocomplete failed');
      return [];
    }
  }
}
