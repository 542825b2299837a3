import { describe, expect, it } from 'vitest';
import { embedLength, fitEmbed, joinLines, LIMITS, truncate } from './limits.js';

const x = (n: number, c = 'x') => c.repeat(n);

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate(x(300), 256);
    expect(cut).toHaveLength(256);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never leaves half a surrogate pair', () => {
    const text = `${x(8)}😀😀😀`;
    const cut = truncate(text, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe(`${x(8)}…`);
  });
});

describe('joinLines', () => {
  it('keeps whole lines and says how many were left out', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${x(30)}`);
    const out = joinLines(lines, 200);
    expect(out.length).toBeLessThanOrEqual(200);
    const kept = out.split('\n');
    const more = kept.pop();
    expect(more).toBe(`…and ${50 - kept.length} more`);
    expect(kept).toEqual(lines.slice(0, kept.length));
  });

  it('joins everything when it fits, truncates a single line too long', () => {
    expect(joinLines(['a', 'b'], 10)).toBe('a\nb');
    expect(joinLines([x(50)], 20)).toHaveLength(20);
  });
});

describe('fitEmbed', () => {
  it('cuts title 256, description 4096, field name 256 / value 1024, footer 2048, 25 fields', () => {
    const e = fitEmbed({
      title: x(400),
      description: x(5000),
      footer: { text: x(3000) },
      fields: Array.from({ length: 30 }, () => ({ name: x(300), value: x(2000) })),
    });
    expect(e.title).toHaveLength(LIMITS.title);
    expect(e.description?.length).toBeLessThanOrEqual(LIMITS.description);
    expect(e.footer?.text.length).toBeLessThanOrEqual(LIMITS.footer);
    expect(e.fields?.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(e.title?.endsWith('…')).toBe(true);
  });

  it('keeps the total within 6000 by shortening the description, then dropping fields', () => {
    const e = fitEmbed({
      title: x(200),
      description: x(4000),
      fields: Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: x(1000) })),
      footer: { text: x(100) },
    });
    expect(embedLength(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(e.fields).toHaveLength(5); // the description gave way first
    expect(e.title).toHaveLength(200);
    const many = fitEmbed({
      description: x(100),
      fields: Array.from({ length: 25 }, (_, i) => ({ name: `f${i}`, value: x(1000) })),
    });
    expect(embedLength(many)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(many.fields?.map((f) => f.name)).toEqual(['f0', 'f1', 'f2', 'f3', 'f4']);
  });

  it('leaves an embed within the limits unchanged and fills empty field values', () => {
    const small = { title: 'T', description: 'D', fields: [{ name: 'N', value: 'V' }] };
    expect(fitEmbed(small)).toEqual(small);
    expect(fitEmbed({ fields: [{ name: '', value: ' ' }] }).fields).toEqual([
      { name: '\u200b', value: '\u200b' },
    ]);
  });
});
