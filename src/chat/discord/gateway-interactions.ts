/**
 * Interactions from the gateway (discord.js `interactionCreate`): slash commands, button clicks
 * and autocomplete, answered through discord.js (POST /interactions/:id/:token/callback, then
 * PATCH …/messages/@original after a deferral). A failure is logged, never thrown.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Logger } from '../../log/logger.js';
import { COMMAND_NAME } from './command-definition.js';
import type { InteractionAnswers, PendingAnswer } from './interaction-answers.js';
import type { InteractionContext } from './interaction-request.js';
import { NO_MENTIONS } from './no-mentions.js';
import type { RenderedReply } from './reply-render.js';
import { respond, type Responder } from './respond.js';

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

function contextOf(i: Interaction): InteractionContext {
  return {
    userId: i.user.id,
    userName: i.user.username,
    guildId: i.guildId,
    channelId: i.channelId ?? '',
    permissions: i.memberPermissions?.bitfield ?? null,
  };
}

function message(r: RenderedReply) {
  return {
    ...(r.content !== undefined ? { content: r.content } : {}),
    embeds: r.embeds,
    components: r.components,
    allowedMentions: { ...NO_MENTIONS },
    ...(r.files
      ? {
          files: r.files.map((f) => ({
            attachment: f.data,
            name: f.name,
            description: f.description,
          })),
        }
      : {}),
  };
}

function responderFor(i: Answerable): Responder {
  return {
    reply: async (r) => {
      await i.reply({ ...message(r), ...(r.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    },
    defer: async (ephemeral) => {
      await i.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    editOriginal: async (r) => {
      await i.editReply(message(r));
    },
    replaceWithFollowUp: async (r) => {
      await i.deleteReply();
      await i.followUp({ ...message(r), flags: MessageFlags.Ephemeral });
    },
  };
}

export function gatewayInteractionHandler(
  answers: InteractionAnswers,
  log: Logger,
  deferAfterMs: number,
): (i: Interaction) => Promise<void> {
  const answer = async (i: Answerable, pending: PendingAnswer) => {
    const how = await respond(responderFor(i), pending, deferAfterMs);
    log.debug({ text: pending.text, how, user: i.user.id }, 'interaction answered');
  };
  return async (i) => {
    try {
      if (i.isChatInputCommand() && i.commandName === COMMAND_NAME)
        await answer(i, answers.command(contextOf(i), i.options.data));
      else if (i.isButton()) await answer(i, answers.button(contextOf(i), i.customId));
      else if (i.isAutocomplete() && i.commandName === COMMAND_NAME)
        await respondChoices(i, answers);
    } catch (err) {
      log.warn({ err, interaction: i.id }, 'could not answer an interaction');
    }
  };
}

async function respondChoices(i: AutocompleteInteraction, answers: InteractionAnswers) {
  await i.respond(await answers.choices(contextOf(i), i.options.data));
}
