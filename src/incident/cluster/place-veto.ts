/**
 * Places that cannot be one event's: no shared country; different provinces for sub-national
 * places (unless one report names the other's place); two different bases or sites neither report
 * names the other of. A place inside the other's is compatible (see place-relation.ts).
 */
import type { IncidentFeatures } from './incident-features.js';
import type { ReportFeatures } from './report-features.js';

const SUBNATIONAL = new Set(['site', 'town', 'province']);

export function placeVeto(r: ReportFeatures, inc: IncidentFeatures): boolean {
  if (r.countries.size > 0 && inc.countries.size > 0) {
    const shared = [...r.countries].some((c) => inc.countries.has(c));
    if (!shared) return true;
  }
  const rId = r.location.id;
  const a1 = r.location.admin1;
  if (
    a1 &&
    inc.locationAdmin1 &&
    a1 !== inc.locationAdmin1 &&
    SUBNATIONAL.has(r.location.precision)
  ) {
    const linked =
      (rId && inc.entities.has(`p:${rId}`)) ||
      (inc.locationId && r.entities.has(`p:${inc.locationId}`));
    if (!linked) return true;
  }
  if (
    r.location.precision === 'site' &&
    inc.locationPrecision === 'site' &&
    rId &&
    inc.locationId
  ) {
    return (
      rId !== inc.locationId &&
      !inc.entities.has(`p:${rId}`) &&
      !r.entities.has(`p:${inc.locationId}`)
    );
  }
  return false;
}
