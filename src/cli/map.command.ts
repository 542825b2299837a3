/** `sitrep map --sample FILE`: draws the map of invented incidents (the README's picture). */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { periodName, periodText } from '../command/map-command.js';
import { loadConfig } from '../config/load-config.js';
import { loadGazetteer } from '../config/load-gazetteer.js';
import { createMapRenderer } from '../map/map-renderer.js';
import { writeLine, type CliIo } from './io.js';
import { sampleIncidents } from './map-sample.js';

const USAGE = `usage: sitrep map --sample FILE [--days N] [--count N] [--seed N]

Draws the incident map and timeline (what /sitrep map posts) for invented incidents spread over
the gazetteer's places, and writes it to FILE as PNG. Defaults: 7 days, 40 incidents, seed 16.
The period ends at the start of today (UTC), so a run on the same day draws the same picture.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      sample: { type: 'string' },
      days: { type: 'string', default: '7' },
      count: { type: 'string', default: '40' },
      seed: { type: 'string', default: '16' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const days = Number(values.days);
  const count = Number(values.count);
  if (values.help || !values.sample || !(days >= 1 && days <= 30) || !(count >= 0)) {
    writeLine(values.help ? io.stdout : io.stderr, USAGE);
    return values.help ? 0 : 2;
  }
  const gazetteer = loadGazetteer(loadConfig().match.gazetteer);
  const to = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const from = new Date(to.getTime() - days * 86_400_000);
  const incidents = sampleIncidents(gazetteer, { count, days, now: to, seed: Number(values.seed) });
  const picture = await createMapRenderer({ gazetteer }).render({
    incidents,
    from,
    to,
    title: `Incidents, last ${periodName(days * 86_400_000)} (sample data)`,
    subtitle: `${periodText(from, to)}  ·  invented incidents for illustration`,
  });
  writeFileSync(values.sample, picture.png);
  writeLine(
    io.stderr,
    `map: wrote ${values.sample} (${picture.width}×${picture.height}, ${Math.round(picture.png.byteLength / 1024)} KiB, ${picture.drawn} of ${picture.total} incidents on the map)`,
  );
  return 0;
}
