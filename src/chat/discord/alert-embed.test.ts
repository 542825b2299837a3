import { describe, expect, it } from 'vitest';
import { buildAlertMessage } from '../../alert/alert-message.js';
import { casualty, makeIncident } from '../../../test/support/make-incident.js';
import {
  alertBody,
  colourFor,
  digestBody,
  markdownLink,
  textBody,
  TYPE_COLOURS,
} from './alert-embed.js';
import { embedLength, LIMITS } from './limits.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('alert embeds', () => {
  it('gives each incident type its own colour', () => {
    const colours = (['Battles', 'Explosions/Remote violence', 'Political statement'] as const).map(
      (type) => colourFor(buildAlertMessage(makeIncident({ type, subType: null }))),
    );
    expect(colours).toEqual([
      TYPE_COLOURS.Battles,
      TYPE_COLOURS['Explosions/Remote violence'],
      TYPE_COLOURS['Political statement'],
    ]);
    expect(new Set(Object.values(TYPE_COLOURS)).size).toBe(5);
    const untyped = buildAlertMessage(makeIncident({ type: null, subType: null }));
    expect(colourFor(untyped)).not.toBe(TYPE_COLOURS.Battles);
  });

  it('fits a huge alert (long headline, many sources) into every limit, keeping whole links', () => {
    const sources = Array.from({ length: 80 }, (_, i) => ({
      outlet: `Outlet ${i}`,
      title: `A very long report title number ${i} ${'about the attack '.repeat(5)}`,
      url: `https://news${i}.example/report/${i}`,
    }));
    const incident = makeIncident({
      headline: `Headline ${'x'.repeat(400)}`,
      summary: 'y'.repeat(5000),
      casualties: [casualty('us', 1, 2), casualty('isis', 5, null)],
      sources,
    });
    const body = alertBody(buildAlertMessage(incident), now);
    const [embed] = body.embeds ?? [];
    if (!embed) throw new Error('no embed');
    expect(embed.title?.length).toBe(LIMITS.title);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    const src = embed.fields?.find((f) => f.name.startsWith('Sources'));
    expect(src?.name).toBe('Sources (80 outlets)');
    expect(src?.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    expect(src?.value).toMatch(/…and \d+ more$/);
    for (const line of src?.value.split('\n').slice(0, -1) ?? [])
      expect(line).toMatch(/^\[Outlet \d+: .*\]\(https:\/\/news\d+\.example\/report\/\d+\)$/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(embed.timestamp).toBe(now.toISOString());
    expect(embed.fields?.find((f) => f.name === 'Casualties')?.value).toBe(
      'US: 1 killed, 2 injured\nISIS: 5 killed',
    );
  });

  it('keeps button ids short however long the commands are', () => {
    const incident = makeIncident({
      id: 'inc_zzzz9999',
      topics: ['militia-attacks'],
      actors: [{ name: 'An extremely long militia name '.repeat(6), side: 'militia' }],
      location: {
        place: 'A very long place name '.repeat(6),
        admin1: null,
        country: 'Iraq',
        precision: 'town',
      },
    });
    const message = buildAlertMessage(incident);
    expect(message.buttons[0]?.command.length).toBeGreaterThan(100);
    const ids = (alertBody(message, now).components ?? []).flatMap((row) =>
      'components' in row ? row.components.map((c) => ('custom_id' in c ? c.custom_id : '')) : [],
    );
    expect(ids).toEqual(['sr:a:s:inc_zzzz9999', 'sr:a:m:inc_zzzz9999', 'sr:a:d:inc_zzzz9999']);
  });

  it('escapes link labels and URLs so a title cannot break the markdown', () => {
    expect(markdownLink('a [b] c', 'https://x.example/a)b')).toBe(
      '[a \\[b\\] c](https://x.example/a%29b)',
    );
    expect(markdownLink('plain', 'javascript:alert(1)')).toBe('plain');
  });

  it('renders digests and plain texts within limits, with no mentions', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({
      incidentId: `inc_${i}`,
      version: 1,
      line: `[inc_${i}] Incident ${i} ${'words '.repeat(10)}`,
      url: `https://x.example/${i}`,
    }));
    const body = digestBody(
      { title: 'Daily digest: 200 incidents', items, covers: items, fallback: '' },
      now,
    );
    expect(body.embeds?.[0]?.description?.length).toBeLessThanOrEqual(LIMITS.description);
    expect(body.embeds?.[0]?.description).toMatch(/…and \d+ more$/);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const text = textBody(`@everyone ${'z'.repeat(3000)}`);
    expect(text.content?.length).toBe(LIMITS.content);
    expect(text.allowed_mentions).toEqual({ parse: [] });
  });
});
