import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-facts.js';
import { testVocabulary } from '../../../test/support/test-vocabulary.js';

const gaz = testVocabulary();

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

  it('reads curly and straight apostrophes alike', () => {
    const r = extractReport(
      {
        title: 'Kata’ib Hezbollah fighters killed in strike near al-Qaim',
        summary: 'Three Kata’ib Hezbollah fighters were killed on Sunday, a spokesman said.',
        published: '2023-06-12',
      },
      gaz,
    );
    expect(r.facts.actors.map((a) => a.name)).toContain("Kata'ib Hezbollah");
    expect(r.facts.casualties).toEqual([
      expect.objectContaining({ side: 'militia', killed: { min: 3, max: 3 } }),
    ]);
  });

  it('does not make an actor of a side that is only quoted', () => {
    const r = extractReport(
      {
        title: 'Rockets land near Erbil, no injuries reported',
        summary:
          'Two rockets landed near the airport in Erbil late on Monday, US officials said, according to the White House.',
        published: '2023-06-13',
      },
      gaz,
    );
    expect(r.facts.actors).toEqual([]);
  });

  it('keeps the speaker as the actor of a statement', () => {
    const r = extractReport(
      { title: 'White House says it condemns the attack in Erbil', summary: '' },
      gaz,
    );
    expect(r.facts.type).toBe('Political statement');
    expect(r.facts.actors.map((a) => a.id)).toEqual(['us-government']);
  });

  it('keeps the place of the event when a clause about its cause is cut', () => {
    const r = extractReport(
      {
        title:
          'Two coalition soldiers die in Iraq following a bomb attack on a convoy near al-Qaim',
        summary: '',
      },
      gaz,
    );
    expect(r.facts.location).toMatchObject({ place: 'al-Qaim', admin1: 'Anbar' });
    expect(r.facts.casualties).toEqual([
      expect.objectContaining({ side: 'coalition', killed: { min: 2, max: 2 } }),
    ]);
  });

  it('never takes the place of the attack a strike retaliates for', () => {
    const r = extractReport(
      {
        title: 'US jets strike depots in Syria in retaliation for an attack on Tower 22',
        summary: '',
      },
      gaz,
    );
    expect(r.facts.location.place).toBe('Syria');
  });

  it('keeps what follows a leading background clause', () => {
    const r = extractReport(
      {
        title: 'Following a drone attack on Tower 22, US airstrikes hit two depots near al-Qaim',
        summary: '',
      },
      gaz,
    );
    expect(r.facts.location.place).toBe('al-Qaim');
    expect(r.facts.subType).toBe('Air/drone strike');
  });

  it('dates the event from the story, not from the date line', () => {
    const r = extractReport(
      {
        title: 'Joint raid in Anbar kills militants',
        summary:
          'Tuesday, March 12, 2024 | US and Iraqi forces raided a hideout in Anbar early on Saturday, killing six militants.',
        published: '2024-03-12T08:00:00Z',
      },
      gaz,
    );
    expect(r.facts.eventDate).toBe('2024-03-09');
  });

  it('keeps a speaker who speaks of itself: a claim names the actor', () => {
    const r = extractReport(
      {
        title: 'Kataib Hezbollah says it launched drones at Ain al-Asad',
        summary: 'Kataib Hezbollah claimed the attack on the base in a statement on Monday.',
        published: '2024-01-16',
      },
      gaz,
    );
    expect(r.facts.actors.map((a) => a.id)).toEqual(['kataib-hezbollah']);
  });
});
