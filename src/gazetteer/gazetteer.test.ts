import { describe, expect, it } from 'vitest';
import { gazetteerDataSchema } from './gazetteer-data.js';
import { createGazetteer } from './gazetteer.js';

const gaz = createGazetteer(
  gazetteerDataSchema.parse({
    actors: [
      {
        id: 'kh',
        name: "Kata'ib Hezbollah",
        side: 'militia',
        aliases: ['Kataib Hezbollah', 'Kataeb Hizbollah'],
      },
      {
        id: 'isis',
        name: 'Islamic State',
        side: 'isis',
        aliases: ['ISIS', 'Daesh'],
        casedAliases: ['IS'],
      },
    ],
    places: [
      {
        id: 'ain-al-asad',
        name: 'Ain al-Asad',
        type: 'base',
        country: 'Iraq',
        admin1: 'Anbar',
        aliases: ['Ayn al-Asad', 'Al-Asad'],
      },
    ],
  }),
);

describe('gazetteer', () => {
  it('finds aliases case- and diacritic-insensitively, apostrophes ignored', () => {
    const found = gaz.findMentions(
      'Drones hit AYN AL-ASAD; Kata’ib Hezbollah and Katāeb Hizbollah denied it',
    );
    expect(found.map((m) => m.ref.entry.id)).toEqual(['ain-al-asad', 'kh', 'kh']);
    expect(found[0]?.text).toBe('AYN AL-ASAD');
  });

  it('counts cased aliases only as written', () => {
    expect(gaz.findMentions('IS fighters attacked').map((m) => m.ref.entry.id)).toEqual(['isis']);
    expect(gaz.findMentions('it is what it is')).toEqual([]);
  });

  it('prefers the longest alias at a position', () => {
    const found = gaz.findMentions('near Ain al-Asad air base');
    expect(found).toHaveLength(1);
    expect(gaz.lookup('kataib hezbollah')?.entry.id).toBe('kh');
  });
});

describe('gazetteer possessives', () => {
  it('reads "Anbar\'s" as Anbar', () => {
    const g = createGazetteer(
      gazetteerDataSchema.parse({
        places: [{ id: 'anbar', name: 'Anbar', type: 'province', country: 'Iraq' }],
      }),
    );
    expect(g.findMentions("Anbar's desert").map((m) => m.ref.entry.id)).toEqual(['anbar']);
  });
});
