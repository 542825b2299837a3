import { describe, expect, it } from 'vitest';
import { buildAlertMessage, type AlertMessage } from '../../alert/alert-message.js';
import { buildDigest } from '../../alert/digest-message.js';
import { casualty, makeIncident } from '../../../test/support/make-incident.js';
import { ACTION_PREFIX, alertBlocks } from './alert-blocks.js';
import { digestBlocks } from './digest-blocks.js';
import { LIMITS } from './mrkdwn.js';

const incident = makeIncident({
  id: 'inc-1',
  headline: 'Drone attack on Ain al-Asad <!channel>',
  summary: 'A drone hit the base. <@U999> & friends',
  topics: ['militia-attacks'],
  type: 'Explosions/Remote violence',
  location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq' },
  casualties: [casualty('us', 0, 2)],
  actors: [{ name: 'Kataib Hezbollah', side: 'militia' }],
  sources: [
    { outlet: 'Outlet One', url: 'https://one.test/a' },
    { outlet: 'Outlet Two', url: 'https://two.test/b' },
  ],
});

const json = (v: unknown) => JSON.stringify(v);

describe('alertBlocks', () => {
  const message = buildAlertMessage(incident);
  const { text, blocks } = alertBlocks(message);

  it('has a header, fact fields, the summary, sources with the outlet count, context and buttons', () => {
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'context',
      'actions',
    ]);
    expect(json(blocks[1])).toContain('*Type*');
    expect(json(blocks[1])).toContain('*Place*');
    expect(json(blocks[1])).toContain('*Casualties*');
    expect(json(blocks[1])).toContain('*Actors*');
    expect(json(blocks[3])).toContain('2 outlets');
    expect(json(blocks[3])).toContain('<https://one.test/a|Outlet One: ');
    expect(json(blocks[4])).toContain('First seen');
  });

  it('escapes feed text everywhere, the fallback included', () => {
    const all = json(blocks) + text;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U999>');
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&amp; friends');
  });

  it('gives each button an action id and its command line as the value', () => {
    const actions = blocks.at(-1);
    expect(actions?.type).toBe('actions');
    const elements = actions?.type === 'actions' ? actions.elements : [];
    expect(elements.map((e) => (e.type === 'button' ? e.value : ''))).toEqual(
      message.buttons.map((b) => b.command),
    );
    expect(elements.every((e) => e.action_id?.startsWith(ACTION_PREFIX))).toBe(true);
    expect(message.buttons.map((b) => b.label)).toEqual([
      'Subscribe to similar',
      'Mute this topic here',
      'Details',
    ]);
  });
});

describe('alertBlocks within Block Kit limits', () => {
  const huge: AlertMessage = {
    ...buildAlertMessage(incident),
    title: 'T'.repeat(400),
    summary: '<'.repeat(5000),
    fields: Array.from({ length: 14 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(3000) })),
    sources: Array.from({ length: 200 }, (_, i) => ({
      outlet: `O${i}`,
      title: 'x'.repeat(100),
      url: `https://s.test/${i}`,
    })),
    context: 'c'.repeat(4000),
    buttons: [
      { id: 'details', label: 'L'.repeat(100), command: 'incident inc-1' },
      { id: 'subscribe-similar', label: 'too long', command: `subscribe ${'q'.repeat(2100)}` },
    ],
    fallback: 'f'.repeat(50_000),
  };
  const { text, blocks } = alertBlocks(huge);

  it('truncates every text to its limit', () => {
    const header = blocks[0];
    expect(header?.type === 'header' && header.text.text.length).toBe(LIMITS.header);
    for (const b of blocks) {
      if (b.type === 'section') {
        expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
        expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
      }
      if (b.type === 'context')
        for (const e of b.elements)
          expect('text' in e ? e.text.length : 0).toBeLessThanOrEqual(LIMITS.contextText);
    }
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallback);
    expect(json(blocks)).toContain('more');
  });

  it('cuts long button labels and leaves out a button whose command cannot fit', () => {
    const actions = blocks.find((b) => b.type === 'actions');
    const elements = actions?.type === 'actions' ? actions.elements : [];
    expect(elements).toHaveLength(1);
    const button = elements[0];
    expect(button?.type === 'button' && button.text.text.length).toBe(LIMITS.buttonText);
  });
});

describe('digestBlocks', () => {
  it('lists the digest items as links under a header, within 50 blocks', () => {
    const incidents = Array.from({ length: 1000 }, (_, i) =>
      makeIncident({ id: `inc-${i}`, headline: `Rocket <!here> ${i} ${'w'.repeat(150)}` }),
    );
    const digest = buildDigest(
      incidents.map((i) => ({
        destination: { platform: 'slack', workspaceId: 'T1', kind: 'channel', id: 'C1' },
        incidentId: i.id,
        version: 1,
        reason: 'hourly',
        heldAt: '2026-03-01T10:00:00.000Z',
        releaseAt: '2026-03-01T11:00:00.000Z',
        subscriptionIds: ['s1'],
      })),
      new Map(incidents.map((i) => [i.id, i])),
    );
    if (!digest) throw new Error('no digest');
    const { blocks } = digestBlocks(digest);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.messageBlocks);
    expect(json(blocks)).not.toContain('<!here>');
    expect(json(blocks)).toContain('<https://news.example/inc-0/0|');
    expect(json(blocks.at(-1))).toMatch(/more blocks not shown/);
  });
});
