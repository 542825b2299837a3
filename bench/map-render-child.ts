/**
 * The map bench's measuring process (forked by map.bench.ts, so that its memory figures are
 * the renderer's own and not what earlier benches left behind). Renders a 30-day map of 500
 * invented incidents: sitrep's renderer (basemap and fonts prepared once, as in the worker)
 * and the baseline (a fresh renderer per picture: atlas parsed and projected every time).
 * Sends the figures to the parent.
 */
import path from 'node:path';
import { sampleIncidents } from '../src/cli/map-sample.js';
import { PACKAGE_ROOT } from '../src/config/load-config.js';
import { loadGazetteer } from '../src/config/load-gazetteer.js';
import { createMapRenderer } from '../src/map/map-renderer.js';

export interface MapFigures {
  readonly incidents: number;
  readonly drawn: number;
  readonly pngBytes: number;
  readonly coldMs: number;
  readonly warmMs: number[];
  readonly warmCpuMs: number[];
  readonly baselineMs: number[];
  readonly baselineCpuMs: number[];
  readonly rssBaseMb: number;
  /** Peak during sitrep's renders (cold + warm), before the baseline ran. */
  readonly rssPeakMb: number;
  /** Peak over the baseline's renders as well. */
  readonly rssPeakBaselineMb: number;
}

const RUNS = 8;
const mb = (bytes: number) => bytes / 1024 / 1024;

async function main(): Promise<void> {
  const gazetteer = loadGazetteer(path.join(PACKAGE_ROOT, 'config', 'gazetteer.yml'));
  const to = new Date('2026-12-01T00:00:00Z');
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const incidents = sampleIncidents(gazetteer, { count: 500, days: 30, now: to, seed: 5 });
  const req = { incidents, from, to, title: 'Incidents, last 30 days', subtitle: 'bench' };
  global.gc?.();
  const rssBase = process.memoryUsage().rss;
  let rssPeak = rssBase;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 2);
  const timed = async (render: () => Promise<{ png: Uint8Array; drawn: number }>) => {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const pic = await render();
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    return { ms, cpuMs: (used.user + used.system) / 1000, pic };
  };
  const renderer = createMapRenderer({ gazetteer });
  const cold = await timed(() => renderer.render(req));
  const warm = [];
  for (let i = 0; i < RUNS; i += 1) warm.push(await timed(() => renderer.render(req)));
  const sitrepPeak = rssPeak;
  const baseline = [];
  for (let i = 0; i < RUNS; i += 1)
    baseline.push(await timed(() => createMapRenderer({ gazetteer }).render(req)));
  clearInterval(sampler);
  const figures: MapFigures = {
    incidents: incidents.length,
    drawn: cold.pic.drawn,
    pngBytes: cold.pic.png.byteLength,
    coldMs: cold.ms,
    warmMs: warm.map((w) => w.ms),
    warmCpuMs: warm.map((w) => w.cpuMs),
    baselineMs: baseline.map((b) => b.ms),
    baselineCpuMs: baseline.map((b) => b.cpuMs),
    rssBaseMb: mb(rssBase),
    rssPeakMb: mb(sitrepPeak),
    rssPeakBaselineMb: mb(rssPeak),
  };
  process.send?.(figures);
}

await main();
