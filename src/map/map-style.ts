/** Colours, sizes and the drawing area shared by the map and its timeline strip. */
import type { EventType } from '../domain/incident.js';

/** The event types drawn, in legend order, plus "Unclassified" for incidents without one. */
export const MAP_CATEGORIES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Strategic developments',
  'Political statement',
  'Unclassified',
] as const;
export type MapCategory = (typeof MAP_CATEGORIES)[number];

/** Colour-blind-safe hues (Okabe–Ito), readable on the pale basemap. */
export const CATEGORY_COLOUR: Record<MapCategory, string> = {
  Battles: '#D55E00',
  'Explosions/Remote violence': '#E69F00',
  'Violence against civilians': '#CC79A7',
  'Strategic developments': '#0072B2',
  'Political statement': '#009E73',
  Unclassified: '#7A7A7A',
};

export const CATEGORY_LABEL: Record<MapCategory, string> = {
  Battles: 'Battle / armed clash',
  'Explosions/Remote violence': 'Strike, rocket, drone, IED',
  'Violence against civilians': 'Violence against civilians',
  'Strategic developments': 'Strategic development',
  'Political statement': 'Political statement',
  Unclassified: 'Unclassified',
};

export function categoryOf(type: EventType | null): MapCategory {
  return type ?? 'Unclassified';
}

/** Marker radius in pixels: a small dot for none, growing with the square root of casualties. */
export function markerRadius(casualties: number): number {
  return Math.min(22, 5 + 2.6 * Math.sqrt(Math.max(0, casualties)));
}

export const PAGE = {
  width: 1200,
  /** Title band above the map. */
  titleHeight: 64,
  mapHeight: 720,
  timelineHeight: 190,
  footerHeight: 30,
  font: 'Roboto',
  ink: '#1d2733',
  muted: '#5b6673',
  land: '#f3efe6',
  focusLand: '#fbf8f1',
  water: '#dce9f2',
  border: '#8d8a83',
} as const;

export const PAGE_HEIGHT =
  PAGE.titleHeight + PAGE.mapHeight + PAGE.timelineHeight + PAGE.footerHeight;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
