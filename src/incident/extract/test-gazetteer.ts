/** A small gazetteer for unit tests (invented aliases kept realistic). Not used at run time. */
import { gazetteerDataSchema } from '../../gazetteer/gazetteer-data.js';
import { createGazetteer, type Gazetteer } from '../../gazetteer/gazetteer.js';

export function testGazetteer(): Gazetteer {
  return createGazetteer(
    gazetteerDataSchema.parse({
      actors: [
        {
          id: 'us-forces',
          name: 'US forces',
          side: 'us',
          aliases: ['US military', 'Central Command', 'CENTCOM'],
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
          aliases: ['ISIS', 'Daesh'],
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
        { id: 'kh', name: "Kata'ib Hezbollah", side: 'militia', aliases: ['Kataib Hezbollah'] },
        {
          id: 'isf',
          name: 'Iraqi Security Forces',
          side: 'partner',
          aliases: ['Iraqi forces'],
          demonyms: ['Iraqi'],
        },
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
          aliases: ['Al Asad air base'],
          theatre: 'iraq-syria',
        },
        {
          id: 'erbil',
          name: 'Erbil',
          type: 'town',
          country: 'Iraq',
          admin1: 'Erbil',
          theatre: 'iraq-syria',
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
      ],
    }),
  );
}
