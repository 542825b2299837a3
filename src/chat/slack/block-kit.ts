/**
 * Small Block Kit builders that enforce the limits: every string goes in escaped and cut to
 * its field's limit, lists spread over several blocks, and a message never exceeds its block
 * count (the last block then says what was left out).
 */
import type { types } from '@slack/bolt';
import { LIMITS, packLines, safeText, truncate } from './mrkdwn.js';

export type Block = types.KnownBlock;
export type Button = types.Button;

/** A header block (plain text, escaped, 150 characters). */
export function header(text: string): types.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: safeText(text, LIMITS.header) } };
}

/** A mrkdwn section of text that is already escaped (links, bold labels). */
export function section(mrkdwn: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) } };
}

/** Sections holding escaped lines, as many as the lines need. */
export function listSections(lines: readonly string[]): types.SectionBlock[] {
  return packLines(lines, LIMITS.sectionText).map(section);
}

/** "*Label*\nvalue" fields, ten per section; labels and values are escaped here. */
export function fieldSections(
  fields: readonly { label: string; value: string }[],
): types.SectionBlock[] {
  const out: types.SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) {
    const chunk = fields.slice(i, i + LIMITS.fieldsPerSection);
    out.push({
      type: 'section',
      fields: chunk.map((f) => {
        const label = `*${safeText(f.label, 200)}*\n`;
        return { type: 'mrkdwn', text: label + safeText(f.value, LIMITS.field - label.length) };
      }),
    });
  }
  return out;
}

/** A context line of escaped mrkdwn elements (at most ten). */
export function context(mrkdwn: readonly string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.contextText) })),
  };
}

/**
 * A button that runs a `/sitrep` command line. A command too long for a button value cannot be
 * shortened without changing it, so that button is left out (undefined).
 */
export function commandButton(
  actionId: string,
  label: string,
  command: string,
  style?: 'primary' | 'danger',
): Button | undefined {
  if (command.length > LIMITS.buttonValue) return undefined;
  return {
    type: 'button',
    action_id: actionId.slice(0, LIMITS.actionId),
    text: { type: 'plain_text', text: safeText(label, LIMITS.buttonText) },
    value: command,
    ...(style ? { style } : {}),
  };
}

/** Actions blocks with at most 25 buttons each. */
export function actions(buttons: readonly (Button | undefined)[]): types.ActionsBlock[] {
  const present = buttons.filter((b): b is Button => b !== undefined);
  const out: types.ActionsBlock[] = [];
  for (let i = 0; i < present.length; i += LIMITS.buttonsPerActions)
    out.push({ type: 'actions', elements: present.slice(i, i + LIMITS.buttonsPerActions) });
  return out;
}

/** Keeps at most `max` blocks; when some are dropped, the last one says so. */
export function capBlocks(blocks: readonly Block[], max: number = LIMITS.messageBlocks): Block[] {
  if (blocks.length <= max) return [...blocks];
  const kept = blocks.slice(0, max - 1);
  return [...kept, context([`…${blocks.length - kept.length} more blocks not shown`])];
}

/** The top-level `text`: escaped, short. */
export function fallbackText(text: string): string {
  return safeText(text, LIMITS.fallback);
}
