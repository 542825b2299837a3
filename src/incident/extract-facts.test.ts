import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-facts.js';
import { testGazetteer } from './test-gazetteer.js';

const gaz = testGazetteer();

describe('extractReport', () => {
  const report = extractReport(
    {
      title: 'Four US troops wounded as drones hit Ain al-Asad',
      summary:
        'Skip to main content\nTwo drones struck Al Asad air base in Anbar on Tuesday night, wounding four US troops, officials said. ' +
        'Kataib Hezbollah denied involvement. About 2,500 US troops remain in Iraq. ' +
        'In March, a US contractor was killed in a rocket attack on the same base.',
      published: '2023-06-08T09:00:00Z',
    },
    gaz,
  );

  it('finds type, place, actors, casualties, troops and date', () => {
    const f = report.facts;
    expect([f.type, f.subType]).toEqual(['Explosions/Remote violence', 'Air/drone strike']);
    expect(f.location).toMatchObject({
      place: 'Ain al-Asad',
      admin1: 'Anbar',
      country: 'Iraq',
      precision: 'site',
    });
    expect(f.actors.map((a) => [a.name, a.side])).toEqual([
      ['US forces', 'us'],
      ["Kata'ib Hezbollah", 'militia'],
    ]);
    expect(f.casualties).toEqual([
      expect.objectContaining({
        side: 'us',
        killed: { min: null, max: null },
        injured: { min: 4, max: 4 },
      }),
    ]);
    expect(f.troops).toBe(2500);
    expect(f.eventDate).toBe('2023-06-06');
  });

  it('does not take a background incident as the new event', () => {
    expect(report.facts.casualties.some((c) => c.killed.min !== null)).toBe(false);
  });

  it('ignores figures in a clause about an earlier attack', () => {
    const r = extractReport(
      {
        title: 'US strikes militia depots in Syria',
        summary:
          'US jets struck two depots on Friday in retaliation for an attack that killed one American soldier and wounded five.',
        published: '2023-06-10',
      },
      gaz,
    );
    expect(r.facts.casualties).toEqual([]);
    expect(r.facts.subType).toBe('Air/drone strike');
  });

  it('reads a condemnation as a political statement', () => {
    const r = extractReport(
      { title: 'Baghdad condemns US strike, calls for withdrawal of foreign troops', summary: '' },
      gaz,
    );
    expect(r.facts.type).toBe('Political statement');
  });
});
