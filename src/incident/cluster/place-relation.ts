/**
 * How a report's place relates to an open incident's: the same specific place (a base or town,
 * or one report naming the other's base), one contained in the other (a base in the province
 * or country the other report names: "Tower 22" and "an outpost in northeast Jordan", "al-Qaim"
 * and "Anbar"), or nothing to say. Containment is compatible, never a conflict.
 */
import type { IncidentFeatures } from './incident-features.js';
import type { ReportFeatures } from './report-features.js';

export type PlaceRelation = 'same' | 'contained' | null;

const SPECIFIC = new Set(['site', 'town']);
const RANK: Record<string, number> = { site: 4, town: 3, province: 2, country: 1 };

interface Place {
  readonly id?: string | undefined;
  readonly admin1: string | null;
  readonly country: string | null;
  readonly precision: string;
}

/** True when `outer` (coarser) contains `inner` (finer). */
function contains(outer: Place, inner: Place): boolean {
  const o = RANK[outer.precision] ?? 0;
  const i = RANK[inner.precision] ?? 0;
  if (o === 0 || i <= o) return false;
  if (outer.precision === 'province') return outer.admin1 !== null && outer.admin1 === inner.admin1;
  if (outer.precision === 'country')
    return outer.country !== null && outer.country === inner.country;
  return false;
}

export function placeRelation(
  r: Pick<ReportFeatures, 'location' | 'entities'>,
  inc: Pick<
    IncidentFeatures,
    'locationId' | 'locationAdmin1' | 'locationCountry' | 'locationPrecision' | 'entities'
  >,
): PlaceRelation {
  const a: Place = r.location;
  const b: Place = {
    id: inc.locationId,
    admin1: inc.locationAdmin1,
    country: inc.locationCountry,
    precision: inc.locationPrecision,
  };
  if (a.id && b.id && a.id === b.id) {
    if (SPECIFIC.has(a.precision)) return 'same';
    return a.precision === 'province' ? 'contained' : null;
  }
  if (a.id && SPECIFIC.has(a.precision) && inc.entities.has(`p:${a.id}`)) return 'same';
  if (b.id && SPECIFIC.has(b.precision) && r.entities.has(`p:${b.id}`)) return 'same';
  return contains(a, b) || contains(b, a) ? 'contained' : null;
}
