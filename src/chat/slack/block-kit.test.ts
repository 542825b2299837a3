import { describe, expect, it } from 'vitest';
import {
  actions,
  capBlocks,
  commandButton,
  context,
  fallbackText,
  fieldSections,
  header,
  section,
} from './block-kit.js';
import { LIMITS } from './mrkdwn.js';

describe('Block Kit builders keep to the limits', () => {
  it('header: escaped plain text of at most 150 characters', () => {
    const h = header(`<!here> ${'h'.repeat(300)}`);
    expect(h.text.text).toHaveLength(LIMITS.header);
    expect(h.text.text.startsWith('&lt;!here&gt; ')).toBe(true);
  });

  it('fields: at most ten per section, each at most 2000 characters', () => {
    const sections = fieldSections(
      Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(2500) })),
    );
    expect(sections.map((s) => s.fields?.length)).toEqual([10, 10, 3]);
    for (const s of sections)
      for (const f of s.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
  });

  it('section text: at most 3000 characters', () => {
    expect(section('s'.repeat(4000)).text?.text).toHaveLength(LIMITS.sectionText);
  });

  it('context: at most ten elements', () => {
    expect(context(Array.from({ length: 15 }, (_, i) => `c${i}`)).elements).toHaveLength(10);
  });

  it('buttons: label at most 75, the command as value up to 2000, else the button is left out', () => {
    const ok = commandButton('sitrep:x', 'b'.repeat(100), 'c'.repeat(2000));
    expect(ok?.text.text).toHaveLength(LIMITS.buttonText);
    expect(ok?.value).toHaveLength(2000);
    expect(commandButton('sitrep:x', 'b', 'c'.repeat(2001))).toBeUndefined();
  });

  it('actions: at most 25 buttons per block', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => commandButton(`sitrep:${i}`, 'b', 'help'));
    expect(actions(buttons).map((a) => a.elements.length)).toEqual([25, 5]);
  });

  it('messages: at most 50 blocks, the last saying how many were left out', () => {
    const blocks = capBlocks(Array.from({ length: 80 }, (_, i) => section(`s${i}`)));
    expect(blocks).toHaveLength(LIMITS.messageBlocks);
    expect(JSON.stringify(blocks.at(-1))).toContain('31 more blocks not shown');
  });

  it('fallback text: escaped and short', () => {
    const text = fallbackText(`<!channel> ${'f'.repeat(50_000)}`);
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallback);
    expect(text).not.toContain('<!channel>');
  });
});
