/** A DigestMessage (held alerts released together) as a Block Kit message. */
import type { DigestMessage } from '../../alert/digest-message.js';
import type { SlackMessage } from './alert-blocks.js';
import { capBlocks, fallbackText, header, listSections, type Block } from './block-kit.js';
import { link } from './mrkdwn.js';

export function digestBlocks(digest: DigestMessage): SlackMessage {
  const lines = digest.items.map((i) => `• ${link(i.url, i.line)}`);
  const blocks: Block[] = [header(digest.title), ...listSections(lines)];
  return { text: fallbackText(digest.fallback), blocks: capBlocks(blocks) };
}
