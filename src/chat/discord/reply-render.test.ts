import { describe, expect, it } from 'vitest';
import { ButtonCommands } from './button-id.js';
import { embedLength, LIMITS } from './limits.js';
import { renderReply, replyData } from './reply-render.js';

describe('renderReply', () => {
  it('sends a short plain answer as content, ephemeral when asked', () => {
    const r = renderReply({ ephemeral: true, text: 'Unsubscribed from s1.' }, new ButtonCommands());
    expect(r).toEqual({
      ephemeral: true,
      content: 'Unsubscribed from s1.',
      embeds: [],
      components: [],
    });
    expect(replyData(r)).toEqual({
      content: 'Unsubscribed from s1.',
      embeds: [],
      components: [],
      flags: 64,
      allowed_mentions: { parse: [] },
    });
  });

  it('renders titles, fields, items and links as one embed within the limits', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      text: `[inc_${i}] An incident ${'with words '.repeat(10)}`,
      url: `https://x.example/${i}`,
    }));
    const r = renderReply(
      {
        ephemeral: false,
        title: 'Recent incidents',
        text: '60 incidents',
        fields: [{ label: 'Window', value: '24h' }],
        items,
        links: [{ label: 'Source [1]', url: 'https://s.example/1' }],
      },
      new ButtonCommands(),
    );
    const [embed] = r.embeds;
    expect(r.content).toBeUndefined();
    expect(embed?.title).toBe('Recent incidents');
    expect(embed?.description?.startsWith('60 incidents\n\n• [[inc_0]')).toBe(false); // escaped
    expect(embed?.description).toContain('• [\\[inc_0\\] An incident');
    expect(embed?.description?.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embed?.fields).toEqual([
      { name: 'Window', value: '24h', inline: true },
      { name: 'Links', value: '[Source \\[1\\]](https://s.example/1)', inline: false },
    ]);
    expect(embedLength(embed ?? {})).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(replyData(r).flags).toBeUndefined();
  });

  it('shows an item’s detail after its link', () => {
    const r = renderReply(
      {
        ephemeral: true,
        title: 'Incident',
        items: [
          { text: 'Wire: Rockets hit base', url: 'https://w.example/1', detail: 'Four hurt.' },
        ],
      },
      new ButtonCommands(),
    );
    expect(r.embeds[0]?.description).toBe(
      '• [Wire: Rockets hit base](https://w.example/1) — Four hurt.',
    );
  });

  it('turns reply buttons into rows of at most five with short custom ids', () => {
    const buttons = Array.from({ length: 7 }, (_, i) => ({
      label: `B${i}`,
      command: i === 6 ? `subscribe ${'x'.repeat(200)}` : `mute t${i}`,
    }));
    const r = renderReply({ ephemeral: true, text: 'x', buttons }, new ButtonCommands());
    expect(r.components.map((row) => row.components.length)).toEqual([5, 2]);
    const ids = r.components.flatMap((row) =>
      row.components.map((b) => ('custom_id' in b ? b.custom_id : '')),
    );
    expect(ids[0]).toBe('sr:c:mute t0');
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });

  it('marks errors and moves very long text into an embed', () => {
    const r = renderReply(
      { ephemeral: true, text: 'y'.repeat(2500), error: { code: 'usage', message: 'bad' } },
      new ButtonCommands(),
    );
    expect(r.embeds[0]?.color).toBe(0xd93025);
    expect(r.embeds[0]?.description?.length).toBeLessThanOrEqual(2000);
  });
});
