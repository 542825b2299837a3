/**
 * The App Home tab: the user's subscriptions (with any delivery problem) and the latest
 * incidents, published with views.publish when the user opens the tab.
 */
import type { types } from '@slack/bolt';
import { incidentLine } from '../../alert/incident-facts-text.js';
import type { CommandDeps } from '../../command/command-deps.js';
import type { Incident } from '../../domain/incident.js';
import type { Subscription } from '../../domain/subscription.js';
import { capBlocks, context, header, listSections, section, type Block } from './block-kit.js';
import { escapeText, LIMITS, link } from './mrkdwn.js';

export const HOME_INCIDENTS = 10;

function subscriptionLine(s: Subscription): string {
  const state = s.disabled ? ` — :warning: paused: ${escapeText(s.disabled.reason)}` : '';
  return `• \`${escapeText(s.id)}\` ${escapeText(s.query)} (${s.mode})${state}`;
}

function incidentHomeLine(i: Incident): string {
  return `• ${link(i.sources[0]?.url, incidentLine(i))}`;
}

export function homeView(
  subscriptions: readonly Subscription[],
  incidents: readonly Incident[],
): types.HomeView {
  const blocks: Block[] = [header('sitrep'), section('*Your subscriptions*')];
  if (subscriptions.length === 0)
    blocks.push(section('None yet. Try `/sitrep subscribe drone place:anbar`.'));
  else blocks.push(...listSections(subscriptions.map(subscriptionLine)));
  blocks.push({ type: 'divider' }, section('*Latest incidents*'));
  if (incidents.length === 0) blocks.push(section('No incidents recorded yet.'));
  else blocks.push(...listSections(incidents.map(incidentHomeLine)));
  blocks.push(context(['`/sitrep help` lists every command.']));
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.homeBlocks) };
}

/** Reads what the Home tab shows for one user. */
export async function loadHome(
  deps: CommandDeps,
  workspaceId: string,
  userId: string,
): Promise<types.HomeView> {
  const [subs, incidents] = await Promise.all([
    deps.subscriptions.listByOwner('slack', workspaceId, userId),
    deps.incidents.recent({ limit: HOME_INCIDENTS }),
  ]);
  return homeView(subs, incidents);
}
