/**
 * The one small gazetteer for tests (invented aliases kept realistic, enough to exercise
 * aliases, demonyms, cased aliases and places in and out of the theatre). Tests only: the
 * product reads config/gazetteer.yml.
 */
import { gazetteerDataSchema, type GazetteerInput } from '../../src/gazetteer/gazetteer-data.js';
import { createGazetteer, type Gazetteer } from '../../src/gazetteer/gazetteer.js';

/** `extra` entries are appended (the bench adds many invented villages and brigades). */
export function testGazetteer(extra: GazetteerInput = {}): Gazetteer {
  return createGazetteer(
    gazetteerDataSchema.parse({
      actors: [
        {
          id: 'us-forces',
          name: 'US forces',
          side: 'us',
          aliases: ['US military', 'Central Command', 'CENTCOM', 'American troops', 'US troops'],
          casedAliases: ['US', 'U.S.'],
          demonyms: ['American', 'Americans'],
        },
        {
          id: 'us-government',
          name: 'US government',
          side: 'us',
          aliases: ['White House', 'State Department'],
        },
        {
          id: 'isis',
          name: 'Islamic State',
          side: 'isis',
          aliases: ['ISIS', 'ISIL', 'Daesh'],
          casedAliases: ['IS'],
          demonyms: ['jihadist'],
        },
        {
          id: 'coalition',
          name: 'US-led coalition',
          side: 'coalition',
          aliases: ['US-led coalition', 'coalition forces'],
          demonyms: ['coalition', 'British', 'Briton', 'Britons', 'foreign'],
        },
        {
          id: 'militias',
          name: 'Iran-backed militias',
          side: 'militia',
          kind: 'militia-generic',
          aliases: ['militia', 'militias', 'militiamen'],
          demonyms: ['Iran-backed'],
        },
        {
          id: 'kataib-hezbollah',
          name: "Kata'ib Hezbollah",
          side: 'militia',
          aliases: ['Kataib Hezbollah', 'Kataib Hizbollah', 'Kataeb Hezbollah'],
        },
        { id: 'hezbollah', name: 'Hezbollah', side: 'other', aliases: ['Hizbollah'] },
        {
          id: 'isf',
          name: 'Iraqi Security Forces',
          side: 'partner',
          aliases: ['Iraqi forces'],
          demonyms: ['Iraqi'],
        },
        ...(extra.actors ?? []),
      ],
      places: [
        { id: 'iraq', name: 'Iraq', type: 'country', country: 'Iraq', theatre: 'iraq-syria' },
        { id: 'syria', name: 'Syria', type: 'country', country: 'Syria', theatre: 'iraq-syria' },
        {
          id: 'anbar',
          name: 'Anbar',
          type: 'province',
          country: 'Iraq',
          admin1: 'Anbar',
          theatre: 'iraq-syria',
        },
        {
          id: 'ain-al-asad',
          name: 'Ain al-Asad',
          type: 'base',
          country: 'Iraq',
          admin1: 'Anbar',
          lat: 33.786,
          lon: 42.441,
          aliases: ['Ayn al-Asad', 'Al Asad air base'],
          theatre: 'iraq-syria',
        },
        {
          id: 'erbil',
          name: 'Erbil',
          type: 'town',
          country: 'Iraq',
          admin1: 'Erbil',
          aliases: ['Arbil', 'Irbil'],
          theatre: 'iraq-syria',
          lat: 36.19,
          lon: 44.01,
        },
        {
          id: 'al-tanf',
          name: 'al-Tanf',
          type: 'base',
          country: 'Syria',
          aliases: ['Tanf'],
          theatre: 'iraq-syria',
          lat: 33.506,
          lon: 38.618,
        },
        {
          id: 'al-qaim',
          name: 'al-Qaim',
          type: 'town',
          country: 'Iraq',
          admin1: 'Anbar',
          aliases: ['Qaim'],
          theatre: 'iraq-syria',
        },
        {
          id: 'jordan',
          name: 'Jordan',
          type: 'country',
          country: 'Jordan',
          aliases: ['northeast Jordan'],
          theatre: 'iraq-syria',
        },
        {
          id: 'tower-22',
          name: 'Tower 22',
          type: 'base',
          country: 'Jordan',
          admin1: 'Mafraq',
          theatre: 'iraq-syria',
        },
        { id: 'kuwait', name: 'Kuwait', type: 'country', country: 'Kuwait', theatre: 'other' },
        ...(extra.places ?? []),
      ],
    }),
  );
}
