import { describe, expect, it } from 'vitest';
import { helpCommand } from '../../command/help-command.js';
import { errorReply } from '../../command/reply.js';
import { replyBlocks } from './reply-blocks.js';
import { LIMITS } from './mrkdwn.js';

const json = (v: unknown) => JSON.stringify(v);

describe('replyBlocks', () => {
  it('renders help as an ephemeral message with a header, fields and the subcommand list', () => {
    const r = replyBlocks(helpCommand(''));
    expect(r.response_type).toBe('ephemeral');
    expect(r.blocks[0]?.type).toBe('header');
    expect(json(r.blocks)).toContain('/sitrep subscribe');
    expect(json(r.blocks)).toContain('*Words*');
  });

  it('renders an error with a warning and stays ephemeral', () => {
    const r = replyBlocks(errorReply('admin_only', 'Only workspace admins can add routes.'));
    expect(r.response_type).toBe('ephemeral');
    expect(json(r.blocks)).toContain(':warning: Only workspace admins can add routes.');
    expect(r.text).toBe('Only workspace admins can add routes.');
  });

  it('posts non-ephemeral replies in the channel', () => {
    expect(replyBlocks({ ephemeral: false, text: 'ok' }).response_type).toBe('in_channel');
  });

  it('escapes echoed text and item titles, links items and turns buttons into command buttons', () => {
    const r = replyBlocks({
      ephemeral: true,
      title: 'Results for <!channel>',
      text: 'You searched <@U1>',
      items: [
        { text: 'Item <!here>', url: 'https://x.test/1' },
        { text: 'Source', url: 'https://x.test/3', detail: 'First paragraph <!channel> & more' },
      ],
      links: [{ label: 'Source', url: 'https://x.test/2' }],
      buttons: [{ label: 'Unsubscribe', command: 'unsubscribe s1' }],
    });
    const all = json(r.blocks) + r.text;
    expect(all).not.toMatch(/<!channel>|<!here>|<@U1>/);
    expect(all).toContain('<https://x.test/1|Item &lt;!here&gt;>');
    expect(all).toContain(
      '<https://x.test/3|Source> — First paragraph &lt;!channel&gt; &amp; more',
    );
    const actions = r.blocks.find((b) => b.type === 'actions');
    expect(json(actions)).toContain('"value":"unsubscribe s1"');
  });

  it('spreads a long list over sections and keeps to 50 blocks', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({
      text: `item ${i} ${'x'.repeat(100)}`,
    }));
    const r = replyBlocks({ ephemeral: true, items });
    expect(r.blocks.length).toBe(LIMITS.messageBlocks);
    for (const b of r.blocks)
      if (b.type === 'section') expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  });
});
