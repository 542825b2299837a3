/**
 * An AlertMessage as a Block Kit message: header, fact fields, summary, source links with the
 * outlet count, a context line (time, topics) and the buttons, whose values are the `/sitrep`
 * command lines they run.
 */
import type { AlertMessage } from '../../alert/alert-message.js';
import {
  actions,
  capBlocks,
  commandButton,
  context,
  fallbackText,
  fieldSections,
  header,
  section,
  type Block,
} from './block-kit.js';
import { escapeText, fitLines, LIMITS, link, safeText } from './mrkdwn.js';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

/** The action id prefix of every sitrep button; the value is the command line. */
export const ACTION_PREFIX = 'sitrep:';

function sourcesText(message: AlertMessage): string {
  const head = `*Sources* · ${escapeText(message.outlets)}`;
  const lines = message.sources.map(
    (s) => `• ${link(s.url, s.outlet ? `${s.outlet}: ${s.title}` : s.title)}`,
  );
  return fitLines([head, ...lines], LIMITS.sectionText);
}

export function alertBlocks(message: AlertMessage): SlackMessage {
  const blocks: Block[] = [header(message.title)];
  blocks.push(...fieldSections(message.fields));
  if (message.summary) blocks.push(section(safeText(message.summary, LIMITS.sectionText)));
  if (message.sources.length > 0) blocks.push(section(sourcesText(message)));
  if (message.context) blocks.push(context([escapeText(message.context)]));
  blocks.push(
    ...actions(
      message.buttons.map((b) =>
        commandButton(
          `${ACTION_PREFIX}${b.id}`,
          b.label,
          b.command,
          b.id === 'subscribe-similar' ? 'primary' : undefined,
        ),
      ),
    ),
  );
  return { text: fallbackText(message.fallback), blocks: capBlocks(blocks) };
}

/** The thread reply under an updated alert: what changed. */
export function whatChangedText(text: string): string {
  return safeText(`Update: ${text}`, LIMITS.sectionText);
}
