/**
 * One chat message per incident and destination, kept up to date: the first post, then edits
 * with each change announced once in the message's thread — whatever order the incident's
 * versions are delivered in, and even when the platform applied a call but the bot heard an
 * error (a 5xx or a timeout after the write).
 *
 * - The top-level post has one key per (destination, incident), `alert:<incident>`, not one per
 *   version: a job for v2 that finds v1's attempt claimed asks the platform for v1's message
 *   (findPosted) and takes it over instead of posting a second one.
 * - Each claim notes the version its call shows, so the job that takes a message over knows
 *   what it shows and what is left to announce.
 * - A thread reply announces the changes after one version, `reply:<incident>:after-v<n>`, up
 *   to the version it notes: a retry that finds it announces only what came after.
 */
import { buildAlertMessage, changesBetween } from '../alert/alert-message.js';
import type { Incident } from '../domain/incident.js';
import type { Destination, MessageRef } from '../domain/subscription.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import { claimOnce, noteOnce, type OnceDeps } from './post-once.js';

/** The version a claim noted; an unreadable note counts as the first version. */
function versionOf(note: string): number {
  const v = Number(note);
  return Number.isInteger(v) && v > 0 ? v : 1;
}

/**
 * Posts the incident's message at `destination`, or takes over the one an earlier attempt
 * (of this job or of a job for another version) posted, and brings it up to date.
 */
export async function postIncident(
  deps: OnceDeps,
  platform: ChatPlatform,
  destination: Destination,
  incident: Incident,
): Promise<MessageRef> {
  const key = `alert:${incident.id}`;
  const version = String(incident.version);
  const earlier = await claimOnce(deps, platform, destination, key, version);
  if (earlier?.found) {
    const shown = versionOf(earlier.note);
    if (shown < incident.version)
      await updateIncident(deps, platform, destination, incident, earlier.found, shown);
    return earlier.found;
  }
  // Posting again: note what this post shows (a platform that dedupes posts by key returns
  // the earlier attempt's message, if it made one, which shows what that attempt noted).
  if (earlier && !platform.idempotentPosts) await noteOnce(deps, destination, key, version);
  const ref = await platform.post(destination, buildAlertMessage(incident), key);
  const shown = earlier && platform.idempotentPosts ? versionOf(earlier.note) : incident.version;
  if (shown < incident.version)
    await updateIncident(deps, platform, destination, incident, ref, shown);
  return ref;
}

/**
 * Edits the message `ref`, which shows version `shown`, to show the incident as it is now,
 * and announces in its thread what changed since `shown`, each change once.
 */
export async function updateIncident(
  deps: OnceDeps,
  platform: ChatPlatform,
  destination: Destination,
  incident: Incident,
  ref: MessageRef,
  shown: number,
): Promise<void> {
  await platform.edit(destination, ref, buildAlertMessage(incident, { previousVersion: shown }));
  let from = shown;
  while (from < incident.version) {
    from = await announce(deps, platform, destination, incident, ref, from);
  }
}

/**
 * One thread reply announcing what changed after version `from`; returns the version it (or
 * an earlier attempt found on the platform) announced up to.
 */
async function announce(
  deps: OnceDeps,
  platform: ChatPlatform,
  destination: Destination,
  incident: Incident,
  ref: MessageRef,
  from: number,
): Promise<number> {
  const key = `reply:${incident.id}:after-v${from}`;
  const now = incident.version;
  const earlier = await claimOnce(deps, platform, destination, key, String(now), ref);
  const covered = earlier ? Math.min(versionOf(earlier.note), now) : now;
  if (earlier?.found && covered > from) return covered;
  // A platform that dedupes posts by key gets the earlier attempt's reply again, unchanged.
  const upTo = earlier && platform.idempotentPosts && covered > from ? covered : now;
  if (earlier && upTo === now) await noteOnce(deps, destination, key, String(now));
  const text = changesBetween(incident, from, upTo) ?? 'Updated.';
  await platform.reply(destination, ref, text, key);
  return upTo;
}
