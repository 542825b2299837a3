/** The map part of the picture: basemap, bases, incident markers and legend, as SVG text. */
import type { Basemap } from './basemap.js';
import { placeLabels, textWidth, type Box, type LabelRequest } from './label-layout.js';
import type { MapData, MapPoint } from './map-data.js';
import type { MapFrame } from './map-frame.js';
import {
  CATEGORY_COLOUR,
  CATEGORY_LABEL,
  escapeXml,
  MAP_CATEGORIES,
  markerRadius,
  PAGE,
} from './map-style.js';

export interface BaseSite {
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
}

const LEGEND = { width: 290, rowHeight: 19 };
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Points at the same place fan out on a small spiral so that each stays visible. */
function positioned(frame: MapFrame, points: readonly MapPoint[]) {
  const seen = new Map<string, number>();
  const out: { x: number; y: number; r: number; p: MapPoint }[] = [];
  for (const p of points) {
    const at = frame.project(p.lat, p.lon);
    if (!at) continue;
    const key = `${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const spread = k === 0 ? 0 : 4.5 * Math.sqrt(k);
    out.push({
      x: at[0] + spread * Math.cos(k * GOLDEN_ANGLE),
      y: at[1] + spread * Math.sin(k * GOLDEN_ANGLE),
      r: markerRadius(p.casualties),
      p,
    });
  }
  // Big markers first so that small ones stay on top and visible.
  return out.sort((a, b) => b.r - a.r);
}

function basemapSvg(b: Basemap, frame: MapFrame): string {
  const { x0, y0, x1, y1 } = frame.box;
  const countries = b.labels
    .map(
      (l) =>
        `<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" text-anchor="middle" font-size="${l.focus ? 22 : 16}" font-weight="700" letter-spacing="4" fill="${l.focus ? '#b9b1a0' : '#c9c3b6'}">${escapeXml(l.name.toUpperCase())}</text>`,
    )
    .join('');
  return [
    `<rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}" fill="${PAGE.water}"/>`,
    `<path d="${b.otherLand}" fill="${PAGE.land}"/>`,
    `<path d="${b.focusLand}" fill="${PAGE.focusLand}"/>`,
    `<path d="${b.coast}" fill="none" stroke="#9fb6c6" stroke-width="0.8"/>`,
    `<path d="${b.borders}" fill="none" stroke="${PAGE.border}" stroke-width="1.1" stroke-dasharray="5 3"/>`,
    countries,
  ].join('');
}

function legendSvg(data: MapData, box: Box): string {
  const rows = MAP_CATEGORIES.filter((c) => c !== 'Unclassified' || data.byCategory[c] > 0);
  const lines: string[] = [
    `<rect x="${box.x0}" y="${box.y0}" width="${box.x1 - box.x0}" height="${box.y1 - box.y0}" rx="6" fill="#ffffff" fill-opacity="0.92" stroke="#c8c2b5"/>`,
    `<text x="${box.x0 + 12}" y="${box.y0 + 20}" font-size="13" font-weight="700" fill="${PAGE.ink}">Incident type (count)</text>`,
  ];
  rows.forEach((c, i) => {
    const y = box.y0 + 38 + i * LEGEND.rowHeight;
    lines.push(
      `<circle cx="${box.x0 + 20}" cy="${y - 4}" r="6" fill="${CATEGORY_COLOUR[c]}" stroke="#fff" stroke-width="1"/>`,
      `<text x="${box.x0 + 34}" y="${y}" font-size="12.5" fill="${PAGE.ink}">${escapeXml(CATEGORY_LABEL[c])} (${data.byCategory[c]})</text>`,
    );
  });
  const sy = box.y0 + 38 + rows.length * LEGEND.rowHeight + 14;
  let sx = box.x0 + 20;
  lines.push(
    `<text x="${box.x0 + 12}" y="${sy - 2}" font-size="12" fill="${PAGE.muted}">Size: killed + injured</text>`,
  );
  for (const n of [0, 5, 20]) {
    const r = markerRadius(n);
    lines.push(
      `<circle cx="${sx + r}" cy="${sy + 18}" r="${r.toFixed(1)}" fill="#9aa3ad" fill-opacity="0.6" stroke="#fff"/>`,
      `<text x="${sx + 2 * r + 4}" y="${sy + 22}" font-size="12" fill="${PAGE.ink}">${n}</text>`,
    );
    sx += 2 * r + 30;
  }
  lines.push(
    `<path d="M${sx + 6} ${sy + 12} l6 10 h-12 z" fill="${PAGE.ink}"/>`,
    `<text x="${sx + 16}" y="${sy + 22}" font-size="12" fill="${PAGE.ink}">US/coalition base</text>`,
  );
  return lines.join('');
}

function legendBox(data: MapData, frame: MapFrame): Box {
  const rows = MAP_CATEGORIES.filter((c) => c !== 'Unclassified' || data.byCategory[c] > 0);
  const height = 38 + rows.length * LEGEND.rowHeight + 48;
  const x0 = frame.box.x0 + 12;
  const y1 = frame.box.y1 - 12;
  return { x0, y0: y1 - height, x1: x0 + LEGEND.width, y1 };
}

const EMPTY_TEXT = 'No incidents in this period';

/** Where the "no incidents" note goes: over the Saudi desert, clear of every base name. */
function emptyBox(frame: MapFrame): Box {
  const [cx, cy] = frame.project(30.6, 43.2) ?? [
    (frame.box.x0 + frame.box.x1) / 2,
    (frame.box.y0 + frame.box.y1) / 2,
  ];
  const w = textWidth(EMPTY_TEXT, 26) + 48;
  return { x0: cx - w / 2, y0: cy - 34, x1: cx + w / 2, y1: cy + 22 };
}

function emptyNote(box: Box): string {
  const cx = (box.x0 + box.x1) / 2;
  return (
    `<rect x="${box.x0.toFixed(1)}" y="${box.y0.toFixed(1)}" width="${(box.x1 - box.x0).toFixed(1)}" height="${box.y1 - box.y0}" rx="8" fill="#ffffff" fill-opacity="0.94" stroke="#c8c2b5"/>` +
    `<text x="${cx.toFixed(1)}" y="${(box.y0 + 37).toFixed(1)}" text-anchor="middle" font-size="26" font-weight="700" fill="${PAGE.ink}">${EMPTY_TEXT}</text>`
  );
}

export function mapSvg(
  data: MapData,
  frame: MapFrame,
  basemap: Basemap,
  bases: readonly BaseSite[],
): string {
  const legend = legendBox(data, frame);
  const empty = data.total === 0 ? emptyBox(frame) : undefined;
  const markers = positioned(frame, data.points);
  const baseMarks: string[] = [];
  const requests: LabelRequest[] = [];
  for (const b of bases) {
    const at = frame.project(b.lat, b.lon);
    if (!at) continue;
    const [x, y] = at;
    baseMarks.push(
      `<path d="M${x.toFixed(1)} ${(y - 6).toFixed(1)} l5.5 9.5 h-11 z" fill="${PAGE.ink}" stroke="#fff" stroke-width="1"/>`,
    );
    // Clear the markers drawn on the base itself, so its name does not sit on them.
    const covered = markers
      .map((m) => Math.hypot(m.x - x, m.y - y) + m.r)
      .filter((reach, i) => reach - (markers[i]?.r ?? 0) * 2 < 2);
    requests.push({ text: b.name, x, y, fontSize: 12.5, gap: Math.max(6, ...covered) });
  }
  const labels = placeLabels(requests, empty ? [legend, empty] : [legend], frame.box)
    .map(
      (l) =>
        `<text x="${l.x.toFixed(1)}" y="${l.y.toFixed(1)}" text-anchor="${l.anchor}" font-size="${l.fontSize}" font-weight="500" fill="${PAGE.ink}" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">${escapeXml(l.text)}</text>`,
    )
    .join('');
  const dots = markers
    .map(
      (m) =>
        `<circle cx="${m.x.toFixed(1)}" cy="${m.y.toFixed(1)}" r="${m.r.toFixed(1)}" fill="${CATEGORY_COLOUR[m.p.category]}" fill-opacity="0.78" stroke="#ffffff" stroke-width="1.2"/>`,
    )
    .join('');
  return [
    basemapSvg(basemap, frame),
    baseMarks.join(''),
    dots,
    labels,
    legendSvg(data, legend),
    empty ? emptyNote(empty) : '',
  ].join('');
}
