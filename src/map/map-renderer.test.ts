import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../config/load-config.js';
import { loadGazetteer } from '../config/load-gazetteer.js';
import type { Incident } from '../domain/incident.js';
import { createMapFrame } from './map-frame.js';
import { createMapRenderer } from './map-renderer.js';

const gaz = loadGazetteer(path.join(PACKAGE_ROOT, 'config', 'gazetteer.yml'));
const frame = createMapFrame();

function at(id: string): readonly [number, number] {
  const p = gaz.place(id);
  const xy = p?.lat !== undefined && p.lon !== undefined ? frame.project(p.lat, p.lon) : undefined;
  if (!xy) throw new Error(`${id} is not on the map`);
  return xy;
}

function incident(id: string, placeId: string, firstSeen: string): Incident {
  const p = gaz.place(placeId);
  return {
    id,
    version: 1,
    facts: {
      type: 'Explosions/Remote violence',
      subType: null,
      actors: [],
      location: {
        place: p?.name ?? null,
        admin1: null,
        country: 'Iraq',
        precision: p?.type === 'country' ? 'country' : 'site',
        id: placeId,
      },
      casualties: [],
      troops: null,
      eventDate: null,
      eventDatePrecision: 'unknown',
    },
    topics: [],
    why: '',
    summary: '',
    headline: '',
    sources: [],
    firstSeen,
    updatedAt: firstSeen,
    timeline: [],
    confidence: 1,
  };
}

describe('map projection', () => {
  it('puts Baghdad east of Ain al-Asad and Erbil north of Baghdad', () => {
    const [bx, by] = at('baghdad');
    const [ax] = at('ain-al-asad');
    const [, ey] = at('erbil-air-base');
    expect(bx).toBeGreaterThan(ax + 50);
    expect(ey).toBeLessThan(by - 100);
  });

  it('puts al-Tanf at the Syria–Jordan–Iraq corner: south-west of Ain al-Asad, north of Tower 22', () => {
    const [tx, ty] = at('al-tanf');
    const [ax, ay] = at('ain-al-asad');
    const [t22x, t22y] = at('tower-22');
    expect(tx).toBeLessThan(ax - 200);
    expect(ty).toBeGreaterThan(ay);
    expect(Math.hypot(tx - t22x, ty - t22y)).toBeLessThan(25);
    expect(t22y).toBeGreaterThan(ty);
  });

  it('keeps places outside the frame off the map', () => {
    expect(frame.project(15.5, 47.5)).toBeUndefined(); // Yemen
    expect(frame.project(33.3, 44.4)).toBeDefined();
  });
});

describe('map picture', () => {
  const renderer = createMapRenderer({ gazetteer: gaz });
  const from = new Date('2026-11-28T00:00:00Z');
  const to = new Date('2026-12-05T00:00:00Z');
  const text = { title: 'Incidents, last 7 days', subtitle: '28 Nov – 5 Dec 2026 (UTC)' };

  it('draws an honest "no incidents" picture for an empty period', async () => {
    const svg = renderer.svg({ incidents: [], from, to, ...text });
    expect(svg).toContain('No incidents in this period');
    expect(svg).not.toMatch(/<circle [^>]*fill-opacity="0.78"/);
    const pic = await renderer.render({ incidents: [], from, to, ...text });
    expect([...pic.png.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(pic).toMatchObject({ width: 1200, height: 1004, drawn: 0, total: 0 });
  });

  it('draws one marker per located incident and counts the rest in the footer', async () => {
    const incidents = [
      incident('a', 'ain-al-asad', '2026-12-01T10:00:00Z'),
      incident('b', 'erbil-air-base', '2026-12-02T10:00:00Z'),
      incident('c', 'iraq', '2026-12-03T10:00:00Z'),
    ];
    const svg = renderer.svg({ incidents, from, to, ...text });
    expect(svg.match(/<circle [^>]*fill-opacity="0.78"/g)).toHaveLength(2);
    expect(svg).toContain('2 of 3 incidents on the map');
    expect(svg).toContain('1 placed only to a country or region');
    expect(svg).not.toContain('No incidents in this period');
    expect(svg).toContain('Ain al-Asad');
    const pic = await renderer.render({ incidents, from, to, ...text });
    expect(pic.drawn).toBe(2);
  });

  it('escapes text taken from the query', () => {
    const svg = renderer.svg({ incidents: [], from, to, title: 'x', subtitle: 'a <b> & "c"' });
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
  });
});
