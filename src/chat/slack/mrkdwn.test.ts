import { describe, expect, it } from 'vitest';
import { escapeText, fitLines, link, packLines, safeText, truncate } from './mrkdwn.js';

describe('escapeText', () => {
  it('makes channel, here and user mentions inert', () => {
    expect(escapeText('<!channel> <!here> <@U123> hi')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; hi',
    );
  });

  it('escapes & first so an already-escaped text is not turned back into a mention', () => {
    expect(escapeText('&lt;!channel&gt; & <b>')).toBe('&amp;lt;!channel&amp;gt; &amp; &lt;b&gt;');
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text in an ellipsis within the limit', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('x'.repeat(200), 150);
    expect(cut).toHaveLength(150);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never leaves half an entity behind', () => {
    const text = `${'a'.repeat(7)}&amp;tail`;
    const cut = truncate(text, 10);
    expect(cut).toBe(`${'a'.repeat(7)}…`);
    expect(cut).not.toMatch(/&[a-z]*…/);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate(`abc${'😀'.repeat(5)}`, 7);
    expect(cut.length).toBeLessThanOrEqual(7);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });

  it('safeText escapes before it counts, so the escaped text fits the limit', () => {
    const text = safeText('<'.repeat(100), 150);
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.startsWith('&lt;&lt;')).toBe(true);
    expect(text).not.toContain('<');
  });
});

describe('link', () => {
  it('escapes the label and refuses URLs that are not http(s)', () => {
    expect(link('https://a.test/x', 'A <!here> | B')).toBe(
      '<https://a.test/x|A &lt;!here&gt; ¦ B>',
    );
    expect(link('javascript:alert(1)', 'x')).toBe('x');
    expect(link(undefined, '<@U1>')).toBe('&lt;@U1&gt;');
  });

  it('encodes characters that would end the link early', () => {
    expect(link('https://a.test/x|<!channel>', 'l')).toBe('<https://a.test/x%7C%3C!channel%3E|l>');
  });
});

describe('packLines and fitLines', () => {
  it('packs lines into chunks under the limit', () => {
    const chunks = packLines(
      Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(90)}`),
      300,
    );
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(300);
    expect(chunks.join('\n').split('\n')).toHaveLength(50);
  });

  it('keeps the lines that fit and says how many were left out', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `• source ${i} ${'y'.repeat(80)}`);
    const text = fitLines(lines, 1000);
    expect(text.length).toBeLessThanOrEqual(1000);
    const kept = text.split('\n');
    expect(kept.at(-1)).toBe(`…and ${40 - (kept.length - 1)} more`);
  });

  it('cuts a single over-long line', () => {
    expect(fitLines(['z'.repeat(5000)], 3000)).toHaveLength(3000);
  });
});
