/** The timeline strip under the map: incidents per day (per hour for a day's map), stacked by type. */
import type { MapData } from './map-data.js';
import { CATEGORY_COLOUR, MAP_CATEGORIES, PAGE } from './map-style.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOUR = 3_600_000;

function tickLabel(start: number, binMs: number): string {
  const d = new Date(start);
  if (binMs <= HOUR) return `${String(d.getUTCHours()).padStart(2, '0')}:00`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''}`;
}

/** A round step for the count axis: 1, 2, 5, 10, 20, 50… */
function niceStep(max: number): number {
  const raw = Math.max(1, max / 3);
  const pow = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow) as number;
}

export function timelineSvg(data: MapData, top: number): string {
  const left = 56;
  const right = PAGE.width - 24;
  const plotTop = top + 34;
  const plotBottom = top + PAGE.timelineHeight - 30;
  const height = plotBottom - plotTop;
  const totals = data.bins.map((b) => MAP_CATEGORIES.reduce((s, c) => s + b.counts[c], 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const scale = height / axisMax;
  const slot = (right - left) / Math.max(1, data.bins.length);
  const barW = Math.max(2, Math.min(48, slot * 0.72));
  const unit = data.binMs <= HOUR ? 'hour' : 'day';
  const out: string[] = [
    `<rect x="0" y="${top}" width="${PAGE.width}" height="${PAGE.timelineHeight}" fill="#ffffff"/>`,
    `<text x="${left}" y="${top + 22}" font-size="15" font-weight="700" fill="${PAGE.ink}">Incidents per ${unit} (UTC), stacked by type</text>`,
  ];
  for (let v = 0; v <= axisMax; v += step) {
    const y = plotBottom - v * scale;
    out.push(
      `<line x1="${left}" x2="${right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${v === 0 ? '#9aa3ad' : '#e3e6ea'}" stroke-width="1"/>`,
      `<text x="${left - 8}" y="${(y + 4).toFixed(1)}" text-anchor="end" font-size="11.5" fill="${PAGE.muted}">${v}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(data.bins.length / 12));
  data.bins.forEach((bin, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let y = plotBottom;
    for (const c of MAP_CATEGORIES) {
      const n = bin.counts[c];
      if (n === 0) continue;
      const h = n * scale;
      y -= h;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${CATEGORY_COLOUR[c]}"/>`,
      );
    }
    if (i % every === 0) {
      out.push(
        `<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${plotBottom + 17}" text-anchor="middle" font-size="11.5" fill="${PAGE.muted}">${tickLabel(bin.start, data.binMs)}</text>`,
      );
    }
  });
  return out.join('');
}
