/** The whole picture as one SVG document: title, map, timeline strip and footer. */
import type { Basemap } from './basemap.js';
import type { MapData } from './map-data.js';
import type { MapFrame } from './map-frame.js';
import { mapSvg, type BaseSite } from './map-svg.js';
import { escapeXml, PAGE, PAGE_HEIGHT } from './map-style.js';
import { timelineSvg } from './timeline-svg.js';

export interface PictureText {
  /** "Incidents, last 7 days" */
  readonly title: string;
  /** "28 Nov – 5 Dec 2026 (UTC) · topic:drone-strikes" */
  readonly subtitle: string;
}

function footer(data: MapData, top: number): string {
  const parts = [
    `${data.points.length} of ${data.total} incident${data.total === 1 ? '' : 's'} on the map`,
  ];
  if (data.unplaced > 0) {
    parts.push(
      `${data.unplaced} placed only to a country or region (in the timeline, not the map)`,
    );
  }
  parts.push('Borders: Natural Earth · places approximate (±0.01°) · sitrep');
  return `<text x="${PAGE.width / 2}" y="${top + 20}" text-anchor="middle" font-size="12" fill="${PAGE.muted}">${escapeXml(parts.join('  ·  '))}</text>`;
}

export function pictureSvg(
  data: MapData,
  text: PictureText,
  frame: MapFrame,
  basemap: Basemap,
  bases: readonly BaseSite[],
): string {
  const timelineTop = PAGE.titleHeight + PAGE.mapHeight;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE_HEIGHT}" viewBox="0 0 ${PAGE.width} ${PAGE_HEIGHT}" font-family="${PAGE.font}">`,
    `<rect width="${PAGE.width}" height="${PAGE_HEIGHT}" fill="#ffffff"/>`,
    `<text x="24" y="32" font-size="24" font-weight="700" fill="${PAGE.ink}">${escapeXml(text.title)}</text>`,
    `<text x="24" y="54" font-size="14" fill="${PAGE.muted}">${escapeXml(text.subtitle)}</text>`,
    mapSvg(data, frame, basemap, bases),
    `<line x1="0" x2="${PAGE.width}" y1="${timelineTop}" y2="${timelineTop}" stroke="#c8c2b5"/>`,
    timelineSvg(data, timelineTop),
    footer(data, timelineTop + PAGE.timelineHeight),
    '</svg>',
  ].join('');
}
