/**
 * Map rendering: a 30-day map of 500 incidents (target: under 1 s on one core, under 100 MB of
 * extra memory), sitrep's prepared renderer beside a baseline that parses and projects the
 * Natural Earth atlas for every picture. Measured in a forked process (map-render-child.ts).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MapFigures } from './map-render-child.js';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'map-render-child.ts');

function measure(): Promise<MapFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: [...process.execArgv, '--expose-gc'] });
    let figures: MapFigures | undefined;
    child.on('message', (m) => {
      figures = m as MapFigures;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      figures ? resolve(figures) : reject(new Error(`map bench child exited with ${code}`)),
    );
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const max = (xs: readonly number[]) => Math.max(...xs);

export async function run(): Promise<string> {
  const f = await measure();
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  return [
    '## Map rendering (`/sitrep map 30d`)',
    '',
    `${f.incidents} invented incidents over 30 days (${f.drawn} with a place on the map), 1200×1004`,
    `PNG of ${(f.pngBytes / 1024).toFixed(0)} KiB; ${f.warmMs.length} renders each, one at a time.`,
    'CPU is user + system time of the whole process (resvg rasterises on the libuv pool), so it',
    'is what one core spends. Memory is the process RSS peak over the run minus the RSS before',
    'the first renderer was built, in a process of its own.',
    '',
    '| | sitrep (prepared renderer) | baseline (atlas parsed per picture) |',
    '|---|---|---|',
    `| wall, median | ${ms(median(f.warmMs))} | ${ms(median(f.baselineMs))} |`,
    `| wall, max | ${ms(max(f.warmMs))} | ${ms(max(f.baselineMs))} |`,
    `| CPU, median | ${ms(median(f.warmCpuMs))} | ${ms(median(f.baselineCpuMs))} |`,
    `| CPU, max | ${ms(max(f.warmCpuMs))} | ${ms(max(f.baselineCpuMs))} |`,
    `| first picture (builds the basemap) | ${ms(f.coldMs)} | — |`,
    `| extra memory (RSS peak − RSS before) | ${(f.rssPeakMb - f.rssBaseMb).toFixed(0)} MB | ${(f.rssPeakBaselineMb - f.rssBaseMb).toFixed(0)} MB (after sitrep's runs) |`,
    '',
    `RSS before: ${f.rssBaseMb.toFixed(0)} MB. Targets: under 1 s on one core, under 100 MB extra.`,
    '',
  ].join('\n');
}
