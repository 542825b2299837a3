/**
 * What the Bolt app listens to: `/sitrep` (acknowledged at once, answered through the
 * response_url once the command core is done), clicks on sitrep buttons (the button's command
 * line, run as the user who clicked, answered only to them) and the App Home tab.
 */
import type { App, RespondFn, webApi } from '@slack/bolt';
import type { CommandService } from '../front-end.js';
import type { CommandReply, CommandRequest } from '../../command/command-types.js';
import type { Logger } from '../../log/logger.js';
import { ACTION_PREFIX } from './alert-blocks.js';
import { loadHome } from './app-home.js';
import { clickRequest, slashRequest } from './command-request.js';
import { replyBlocks } from './reply-blocks.js';
import type { AdminCheck } from './slack-admins.js';
import { postSlackImage } from './slack-image.js';

export const SLASH_COMMAND = '/sitrep';

export interface HandlerDeps {
  readonly commands: CommandService;
  readonly admins: AdminCheck;
  readonly log: Logger;
  readonly now: () => Date;
}

/**
 * Posts the reply's picture, if any, and returns the reply to send through the response_url:
 * where the picture went (DMs), why it could not be posted, or nothing more for the channel.
 */
async function withImage(
  deps: HandlerDeps,
  client: webApi.WebClient,
  req: CommandRequest,
  reply: CommandReply,
  forceEphemeral: boolean,
): Promise<CommandReply | undefined> {
  const { image, ...rest } = reply;
  if (!image) return reply;
  try {
    const outcome = await postSlackImage(client, image, {
      channelId: req.channel.id,
      userId: req.user.id,
      forceDm: forceEphemeral || req.channel.isDirect,
    });
    if (!outcome.ok) return { ephemeral: true, text: outcome.message };
    if (outcome.where === 'channel') return undefined;
    if (req.channel.isDirect) return undefined;
    return { ...rest, ephemeral: true, text: `${rest.text ?? ''} Sent to your DMs.`.trim() };
  } catch (err) {
    deps.log.error({ err, text: req.text }, 'could not upload a /sitrep picture');
    return { ephemeral: true, text: 'Sorry, Slack did not accept the picture. Please try again.' };
  }
}

/** Runs a request through the command core and answers it; failures are logged, not thrown. */
async function answer(
  deps: HandlerDeps,
  respond: RespondFn,
  client: webApi.WebClient,
  build: () => Promise<CommandRequest>,
  forceEphemeral: boolean,
): Promise<void> {
  let req: CommandRequest | undefined;
  try {
    req = await build();
    const reply = await withImage(deps, client, req, await deps.commands.run(req), forceEphemeral);
    if (!reply) return;
    const message = replyBlocks(forceEphemeral ? { ...reply, ephemeral: true } : reply);
    await respond({ ...message, replace_original: false });
  } catch (err) {
    deps.log.error({ err, text: req?.text }, 'could not answer a /sitrep command');
  }
}

export function registerHandlers(app: App, deps: HandlerDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    await answer(
      deps,
      respond,
      client,
      async () => slashRequest(command, await deps.admins.isAdmin(command.user_id), deps.now()),
      false,
    );
  });

  app.action(
    { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) },
    async (args) => {
      await args.ack();
      const { action, body, respond, client } = args;
      if (action.type !== 'button' || !action.value) return;
      const command = action.value;
      await answer(
        deps,
        respond,
        client,
        async () =>
          clickRequest(body, command, await deps.admins.isAdmin(body.user.id), deps.now()),
        true,
      );
    },
  );

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    try {
      const view = await loadHome(deps.commands.deps, body.team_id, event.user);
      await client.views.publish({ user_id: event.user, view });
    } catch (err) {
      deps.log.error({ err, user: event.user }, 'could not publish the App Home tab');
    }
  });

  app.error(async (err) => {
    deps.log.error({ err }, 'slack event handling failed');
  });
}
