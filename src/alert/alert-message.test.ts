import { describe, expect, it } from 'vitest';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
import type { HeldAlert } from '../domain/held-alert.js';
import { buildAlertMessage, changesBetween } from './alert-message.js';
import { buildDigest } from './digest-message.js';

const incident = makeIncident({
  id: 'i7',
  version: 3,
  headline: 'Rockets hit base in western Iraq',
  summary: 'Three rockets struck the base overnight; two US service members were hurt.',
  topics: ['militia-attacks'],
  actors: [
    { name: "Kata'ib Hezbollah", side: 'militia', id: 'kh' },
    { name: 'US forces', side: 'us' },
  ],
  location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
  casualties: [
    casualty('us', null, 2),
    { ...casualty('militia', 1, null), killed: { min: 1, max: 3 } },
  ],
  sources: [
    { outlet: 'Wire A', url: 'https://a.example/1', title: 'Rockets hit base' },
    { outlet: 'Paper B', url: 'https://b.example/2', title: 'Base attacked' },
    { outlet: 'Paper C', url: 'https://c.example/3', title: 'Copy', duplicateOf: 'item-0' },
  ],
});

describe('buildAlertMessage', () => {
  it('lays out facts, sources, context and working buttons', () => {
    const m = buildAlertMessage(incident, {
      topicTitles: new Map([['militia-attacks', 'Militia attacks']]),
    });
    expect(m.fields).toEqual([
      { label: 'Type', value: 'Explosions/Remote violence — Air/drone strike' },
      { label: 'Place', value: 'Ain al-Asad, Anbar, Iraq' },
      { label: 'Casualties', value: 'US: 2 injured; Militia: 1–3 killed' },
      { label: 'Actors', value: "Kata'ib Hezbollah, US forces" },
    ]);
    expect(m.outlets).toBe('2 outlets');
    expect(m.sources.map((s) => s.outlet)).toEqual(['Wire A', 'Paper B']);
    expect(m.context).toContain('Topics: Militia attacks');
    expect(m.buttons.map((b) => b.command)).toEqual([
      `subscribe actor:"Kata'ib Hezbollah" place:"Anbar"`,
      'mute militia-attacks for 8h',
      'incident i7',
    ]);
    expect(m.whatChanged).toBeUndefined();
  });

  it('names the militia first and in the notification text, before "US government"', () => {
    const m = buildAlertMessage({
      ...incident,
      facts: {
        ...incident.facts,
        actors: [
          { name: 'US government', side: 'us' },
          { name: 'US forces', side: 'us' },
          { name: "Kata'ib Hezbollah", side: 'militia', id: 'kh' },
        ],
      },
    });
    expect(m.fields.find((f) => f.label === 'Actors')?.value).toBe(
      "Kata'ib Hezbollah, US government, US forces",
    );
    expect(m.fallback).toBe(
      "Rockets hit base in western Iraq — US: 2 injured; Militia: 1–3 killed — Kata'ib Hezbollah",
    );
    const named = buildAlertMessage({
      ...incident,
      headline: "Kata'ib Hezbollah rockets hit base",
    });
    expect(named.fallback).not.toMatch(/— Kata'ib Hezbollah$/);
  });

  it('says what changed since the version the destination saw', () => {
    const updated = {
      ...incident,
      timeline: [
        { at: 'x', version: 2, description: 'new source: Paper B', sourceItemId: 'b' },
        { at: 'y', version: 3, description: 'injured (US): 1 → 2', sourceItemId: 'c' },
      ],
    };
    expect(buildAlertMessage(updated, { previousVersion: 2 }).whatChanged).toBe(
      'injured (US): 1 → 2',
    );
    expect(buildAlertMessage(updated, { previousVersion: 2 }).fallback).toMatch(/^Update: /);
  });

  it('says what changed between two versions, for a thread reply covering part of them', () => {
    const updated = {
      ...incident,
      version: 4,
      timeline: [
        { at: 'x', version: 2, description: 'new source: Paper B', sourceItemId: 'b' },
        { at: 'y', version: 3, description: 'new source: Radio C', sourceItemId: 'c' },
      ],
    };
    expect(changesBetween(updated, 1, 2)).toBe('new source: Paper B');
    expect(changesBetween(updated, 2)).toBe('new source: Radio C');
    expect(changesBetween(updated, 3)).toBe('Updated (version 3 → 4).');
    expect(changesBetween(updated, 4)).toBeUndefined();
  });
});

describe('buildDigest', () => {
  it('lists the latest version of each held incident once, newest first', () => {
    const held = (id: string, version: number): HeldAlert => ({
      destination: { platform: 'test', workspaceId: 'W', kind: 'dm', id: 'U1' },
      incidentId: id,
      version,
      reason: 'quiet-hours',
      heldAt: 'x',
      releaseAt: 'y',
      subscriptionIds: ['s1'],
    });
    const older = makeIncident({ id: 'i1', headline: 'Older', updatedAt: '2026-03-01T01:00:00Z' });
    const d = buildDigest(
      [held('i1', 1), held('i7', 2), held('i7', 3), held('gone', 1)],
      new Map([
        ['i1', older],
        ['i7', { ...incident, updatedAt: '2026-03-01T05:00:00Z' }],
      ]),
    );
    expect(d?.title).toBe('While you were away: 2 incidents');
    expect(d?.covers).toEqual([
      { incidentId: 'i7', version: 3 },
      { incidentId: 'i1', version: 1 },
    ]);
    expect(d?.items[0]?.line).toBe(
      "[i7] Rockets hit base in western Iraq — US: 2 injured; Militia: 1–3 killed — Kata'ib Hezbollah · 2 outlets",
    );
    expect(buildDigest([held('gone', 1)], new Map())).toBeUndefined();
  });
});
