/**
 * Country outlines from Natural Earth (1:50m, via the `world-atlas` package), projected once
 * into SVG path data and reused for every image.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapFrame } from './map-frame.js';

/**
 * The countries that reach into the frame: only these are converted and projected (the whole
 * world at 1:50m would cost tens of MB of GeoJSON for nothing drawn).
 */
const IN_FRAME = new Set([
  'Iraq',
  'Syria',
  'Jordan',
  'Turkey',
  'Iran',
  'Saudi Arabia',
  'Kuwait',
  'Lebanon',
  'Israel',
  'Palestine',
  'Egypt',
  'Cyprus',
  'N. Cyprus',
  'Armenia',
  'Azerbaijan',
]);

/** Countries whose land is drawn in the lighter "focus" shade. */
const FOCUS = new Set(['Iraq', 'Syria', 'Jordan']);

export interface CountryLabel {
  readonly name: string;
  readonly x: number;
  readonly y: number;
  readonly focus: boolean;
}

export interface Basemap {
  /** Land of the countries outside the focus. */
  readonly otherLand: string;
  /** Land of Iraq, Syria and Jordan. */
  readonly focusLand: string;
  /** Every international border inside the frame, as one path. */
  readonly borders: string;
  /** The coastline. */
  readonly coast: string;
  readonly labels: readonly CountryLabel[];
}

type CountryProps = { name: string };

function readAtlas(): Topology<{ countries: GeometryCollection<CountryProps> }> {
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<CountryProps>;
  }>;
}

/** Where a country's name goes (centroid, nudged for countries only partly in the frame). */
const LABEL_AT: Record<string, readonly [number, number]> = {
  Iraq: [43.6, 32.6],
  Syria: [38.6, 35.3],
  Jordan: [37.9, 32.35],
  Turkey: [39.5, 37.35],
  Iran: [47.4, 34.2],
  'Saudi Arabia': [42.5, 29.4],
  Kuwait: [47.6, 29.4],
  Lebanon: [35.2, 33.55],
};

export function buildBasemap(frame: MapFrame): Basemap {
  const atlas = readAtlas();
  const near: GeometryCollection<CountryProps> = {
    ...atlas.objects.countries,
    geometries: atlas.objects.countries.geometries.filter((g) =>
      IN_FRAME.has((g.properties as CountryProps | undefined)?.name ?? ''),
    ),
  };
  const countries = feature(atlas, near) as FeatureCollection<Geometry, CountryProps>;
  const path = geoPath(frame.projection).digits(1);
  const focus = countries.features.filter((f) => FOCUS.has(f.properties.name));
  const others = countries.features.filter((f) => !FOCUS.has(f.properties.name));
  const borders = mesh(atlas, near, (a, b) => a !== b);
  const coast = mesh(atlas, near, (a, b) => a === b);
  const labels = Object.entries(LABEL_AT).flatMap(([name, [lon, lat]]) => {
    const p = frame.project(lat, lon);
    return p ? [{ name, x: p[0], y: p[1], focus: FOCUS.has(name) }] : [];
  });
  return {
    otherLand: path({ type: 'FeatureCollection', features: others }) ?? '',
    focusLand: path({ type: 'FeatureCollection', features: focus }) ?? '',
    borders: path(borders) ?? '',
    coast: path(coast) ?? '',
    labels,
  };
}
