/**
 * What a map shows, decided before any drawing: each incident's point (its place's coordinates),
 * category and casualties, and the incidents per time bin for the timeline strip.
 */
import type { Incident } from '../domain/incident.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { placeCoordinates } from '../gazetteer/gazetteer-data.js';
import { categoryOf, MAP_CATEGORIES, type MapCategory } from './map-style.js';

export interface MapPoint {
  readonly id: string;
  readonly lat: number;
  readonly lon: number;
  readonly category: MapCategory;
  /** Killed plus injured, all sides, upper figures. */
  readonly casualties: number;
}

export interface TimeBin {
  /** Start of the bin (ms since epoch). */
  readonly start: number;
  readonly counts: Readonly<Record<MapCategory, number>>;
}

export interface MapData {
  readonly points: readonly MapPoint[];
  /** Incidents placed only to a country or region, or to a place without coordinates. */
  readonly unplaced: number;
  readonly total: number;
  readonly bins: readonly TimeBin[];
  /** Bin width in ms (an hour for a day's map, a day otherwise). */
  readonly binMs: number;
  readonly byCategory: Readonly<Record<MapCategory, number>>;
}

export interface MapPeriod {
  readonly from: Date;
  readonly to: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function casualtiesOf(incident: Incident): number {
  return incident.facts.casualties.reduce(
    (sum, c) => sum + (c.killed.max ?? c.killed.min ?? 0) + (c.injured.max ?? c.injured.min ?? 0),
    0,
  );
}

/** Coordinates of the incident's place: its own, else the gazetteer's (older incidents). */
function coordinatesOf(
  incident: Incident,
  gazetteer: Gazetteer | undefined,
): { lat: number; lon: number } | undefined {
  const loc = incident.facts.location;
  if (loc.precision === 'country' || loc.precision === 'region' || loc.precision === 'unknown') {
    return undefined;
  }
  if (loc.lat !== undefined && loc.lon !== undefined) return { lat: loc.lat, lon: loc.lon };
  const entry = loc.id ? gazetteer?.place(loc.id) : undefined;
  return entry ? placeCoordinates(entry) : undefined;
}

/** When the incident happened, for the timeline: its event day if known, else first seen. */
export function incidentTime(incident: Incident): number {
  const { eventDate, eventDatePrecision } = incident.facts;
  if (eventDate && eventDatePrecision === 'day') {
    const t = Date.parse(`${eventDate}T12:00:00Z`);
    if (Number.isFinite(t)) return Math.min(t, Date.parse(incident.firstSeen) || t);
  }
  return Date.parse(incident.firstSeen);
}

function emptyCounts(): Record<MapCategory, number> {
  return Object.fromEntries(MAP_CATEGORIES.map((c) => [c, 0])) as Record<MapCategory, number>;
}

export function binSizeFor(period: MapPeriod): number {
  return period.to.getTime() - period.from.getTime() <= 2 * DAY ? HOUR : DAY;
}

export function buildMapData(
  incidents: readonly Incident[],
  period: MapPeriod,
  gazetteer?: Gazetteer,
): MapData {
  const binMs = binSizeFor(period);
  const first = Math.floor(period.from.getTime() / binMs) * binMs;
  const last = Math.floor((period.to.getTime() - 1) / binMs) * binMs;
  const bins: { start: number; counts: Record<MapCategory, number> }[] = [];
  for (let t = first; t <= last; t += binMs) bins.push({ start: t, counts: emptyCounts() });
  const byCategory = emptyCounts();
  const points: MapPoint[] = [];
  let unplaced = 0;
  for (const incident of incidents) {
    const category = categoryOf(incident.facts.type);
    byCategory[category] += 1;
    const t = Math.min(Math.max(incidentTime(incident), first), last + binMs - 1);
    const bin = bins[Math.floor((t - first) / binMs)];
    if (bin) bin.counts[category] += 1;
    const at = coordinatesOf(incident, gazetteer);
    if (!at) {
      unplaced += 1;
      continue;
    }
    points.push({ id: incident.id, ...at, category, casualties: casualtiesOf(incident) });
  }
  return { points, unplaced, total: incidents.length, bins, binMs, byCategory };
}
