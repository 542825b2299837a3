/** mute <topic|incident> [for 8h]: stops alerts here for a while. */
import { UserError } from '../domain/errors.js';
import type { MuteTarget } from '../domain/subscription.js';
import { humanDuration } from '../domain/duration.js';
import { hereDestination, takeTrailingDuration } from './command-args.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandReply, CommandRequest } from './command-types.js';
import { findTopic } from './route-commands.js';
import { requireAdmin, usageReply } from './reply.js';

const DEFAULT_MUTE = 8 * 3_600_000;

async function target(
  name: string,
  deps: CommandDeps,
): Promise<{ target: MuteTarget; label: string }> {
  const topic = findTopic(deps, name);
  if (topic) return { target: { kind: 'topic', topic: topic.id }, label: `topic ${topic.title}` };
  const incident = await deps.incidents.get(name);
  if (incident)
    return {
      target: { kind: 'incident', incidentId: incident.id },
      label: `incident ${incident.id}`,
    };
  throw new UserError(
    'not_found',
    `"${name}" is neither a topic (see /sitrep topics) nor an incident id.`,
  );
}

export async function muteCommand(
  args: string,
  req: CommandRequest,
  deps: CommandDeps,
): Promise<CommandReply> {
  const { rest, ms } = takeTrailingDuration(args, 'for');
  if (!rest) return usageReply('mute', 'Say which topic or incident to mute.');
  const duration = ms ?? DEFAULT_MUTE;
  if (duration > deps.limits.maxMute) {
    throw new UserError(
      'bad_option',
      `A mute lasts at most ${humanDuration(deps.limits.maxMute)}.`,
    );
  }
  if (!req.channel.isDirect) {
    requireAdmin(req, 'mute alerts in a channel (in a DM with sitrep, mute mutes your own alerts)');
  }
  const { target: t, label } = await target(rest, deps);
  const until = new Date(req.now.getTime() + duration);
  await deps.mutes.add(
    {
      destination: hereDestination(req),
      target: t,
      until: until.toISOString(),
      createdBy: req.user.id,
    },
    req.now,
  );
  const where = req.channel.isDirect ? 'your direct messages' : 'this channel';
  return {
    ephemeral: true,
    text: `Muted ${label} in ${where} for ${humanDuration(duration)} (until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC).`,
  };
}
