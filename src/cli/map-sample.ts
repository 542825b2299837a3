/**
 * Invented incidents for the sample map (docs/map-sample.png) and the map bench: spread over the
 * in-theatre places of the gazetteer, weighted toward the bases and the Euphrates valley as real
 * weeks are, with seeded types, casualties and times so the picture is the same on every run.
 */
import type { EventType, Incident } from '../domain/incident.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { PlaceEntry } from '../gazetteer/gazetteer-data.js';
import { PRECISION } from '../incident/extract/entities.js';
import { seededRandom, type Random } from './seeded-random.js';

const TYPES: readonly (EventType | null)[] = [
  'Explosions/Remote violence',
  'Explosions/Remote violence',
  'Explosions/Remote violence',
  'Battles',
  'Battles',
  'Strategic developments',
  'Political statement',
  'Violence against civilians',
  null,
];

function pick<T>(random: Random, list: readonly T[]): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

function casualties(random: Random): Incident['facts']['casualties'] {
  if (random() < 0.55) return [];
  const killed = random() < 0.5 ? Math.floor(random() * random() * 12) : 0;
  const injured = Math.floor(random() * random() * 25);
  return [
    {
      side: pick(random, ['us', 'partner', 'isis', 'militia', 'civilian'] as const),
      killed: { min: killed, max: killed },
      injured: { min: injured, max: injured },
      raw: [],
    },
  ];
}

export function sampleIncidents(
  gazetteer: Gazetteer,
  options: { count: number; days: number; now: Date; seed?: number },
): Incident[] {
  const random = seededRandom(options.seed ?? 16);
  const places = gazetteer.places.filter((p) => p.theatre === 'iraq-syria');
  // Bases and towns come up more often than provinces; a few stay at country level.
  const weighted = places.flatMap((p) =>
    Array<PlaceEntry>(
      p.type === 'base' ? 5 : p.type === 'town' ? 3 : p.type === 'province' ? 1 : 1,
    ).fill(p),
  );
  return Array.from({ length: options.count }, (_, i) => {
    const place = pick(random, weighted);
    const seen = new Date(options.now.getTime() - random() * options.days * 86_400_000);
    const at = seen.toISOString();
    return {
      id: `sample-${i + 1}`,
      version: 1,
      facts: {
        type: pick(random, TYPES),
        subType: null,
        actors: [],
        location: {
          place: place.name,
          admin1: place.admin1 ?? null,
          country: place.country,
          precision: PRECISION[place.type],
          id: place.id,
          ...(place.lat !== undefined && place.lon !== undefined
            ? { lat: place.lat, lon: place.lon }
            : {}),
        },
        casualties: casualties(random),
        troops: null,
        eventDate: at.slice(0, 10),
        eventDatePrecision: 'day',
      },
      topics: [],
      why: 'sample',
      summary: '',
      headline: `Sample incident ${i + 1} at ${place.name}`,
      sources: [],
      firstSeen: at,
      updatedAt: at,
      timeline: [],
      confidence: 1,
    };
  });
}
