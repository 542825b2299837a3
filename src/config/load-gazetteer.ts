import { AppError } from '../domain/errors.js';
import { gazetteerDataSchema, type GazetteerData } from '../gazetteer/gazetteer-data.js';
import { createGazetteer, type Gazetteer } from '../gazetteer/gazetteer.js';
import { readYamlFile } from './read-yaml-file.js';

function duplicateIds(data: GazetteerData): string[] {
  const seen = new Set<string>();
  const dupes: string[] = [];
  for (const e of [...data.actors, ...data.places]) {
    if (seen.has(e.id)) dupes.push(e.id);
    seen.add(e.id);
  }
  return dupes;
}

/** Reads and validates a gazetteer YAML file (config/gazetteer.yml) and builds the Gazetteer. */
export function loadGazetteerData(file: string): GazetteerData {
  const data = readYamlFile(file, gazetteerDataSchema, 'gazetteer');
  const dupes = duplicateIds(data);
  if (dupes.length > 0) {
    throw new AppError(
      'CONFIG_INVALID',
      `invalid gazetteer ${file}: duplicate id(s) ${dupes.map((d) => `"${d}"`).join(', ')}`,
    );
  }
  return data;
}

/**
 * Start-up warnings about a loaded gazetteer: places without coordinates still match text but
 * are left off incident maps (docs/MAPS.md). Empty when every place has them.
 */
export function gazetteerWarnings(gazetteer: Pick<Gazetteer, 'places'>): string[] {
  const missing = gazetteer.places.filter((p) => p.lat === undefined || p.lon === undefined);
  if (missing.length === 0) return [];
  const ids = missing.map((p) => p.id);
  const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, … (${ids.length} in all)` : '');
  return [
    `gazetteer: ${missing.length} place(s) have no lat/lon and will not appear on maps: ${shown}`,
  ];
}

export function loadGazetteer(file: string): Gazetteer {
  return createGazetteer(loadGazetteerData(file));
}
