/** A small gazetteer for tests: invented enough to exercise aliases, diacritics and places. */
import { gazetteerDataSchema, type GazetteerInput } from '../../src/gazetteer/gazetteer-data.js';
import { createGazetteer, type Gazetteer } from '../../src/gazetteer/gazetteer.js';

/** `extra` entries are appended (the bench adds many invented villages and brigades). */
export function testGazetteer(extra: GazetteerInput = {}): Gazetteer {
  return createGazetteer(
    gazetteerDataSchema.parse({
      actors: [
        {
          id: 'kataib-hezbollah',
          name: "Kata'ib Hezbollah",
          side: 'militia',
          aliases: ['Kataib Hezbollah', 'Kataib Hizbollah', 'Kataeb Hezbollah'],
        },
        { id: 'isis', name: 'Islamic State', side: 'isis', aliases: ['ISIS', 'ISIL', 'Daesh'] },
        {
          id: 'us-forces',
          name: 'US forces',
          side: 'us',
          aliases: ['American troops', 'US troops'],
        },
        { id: 'hezbollah', name: 'Hezbollah', side: 'other', aliases: ['Hizbollah'] },
        ...(extra.actors ?? []),
      ],
      places: [
        {
          id: 'ain-al-asad',
          name: 'Ain al-Asad',
          type: 'base',
          country: 'Iraq',
          admin1: 'Anbar',
          lat: 33.786,
          lon: 42.441,
          aliases: ['Ayn al-Asad', 'Al Asad air base'],
        },
        { id: 'anbar', name: 'Anbar', type: 'province', country: 'Iraq', admin1: 'Anbar' },
        { id: 'iraq', name: 'Iraq', type: 'country', country: 'Iraq' },
        { id: 'syria', name: 'Syria', type: 'country', country: 'Syria' },
        {
          id: 'al-tanf',
          name: 'al-Tanf',
          type: 'base',
          country: 'Syria',
          aliases: ['Tanf'],
          lat: 33.506,
          lon: 38.618,
        },
        {
          id: 'erbil',
          name: 'Erbil',
          type: 'town',
          country: 'Iraq',
          aliases: ['Arbil', 'Irbil'],
          lat: 36.19,
          lon: 44.01,
        },
        ...(extra.places ?? []),
      ],
    }),
  );
}
