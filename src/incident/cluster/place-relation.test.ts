import { describe, expect, it } from 'vitest';
import type { Location } from '../../domain/incident.js';
import { placeRelation } from './place-relation.js';

const report = (location: Location, places: string[] = []) => ({
  location,
  entities: new Set(places.map((p) => `p:${p}`)),
});
const incident = (location: Location, places: string[] = []) => ({
  locationId: location.id,
  locationAdmin1: location.admin1,
  locationCountry: location.country,
  locationPrecision: location.precision,
  entities: new Set(places.map((p) => `p:${p}`)),
});

const base: Location = {
  place: 'Camp Falcon',
  admin1: 'Ninawa',
  country: 'Iraq',
  precision: 'site',
  id: 'camp-falcon',
};
const town: Location = {
  place: 'Tal Afar',
  admin1: 'Ninawa',
  country: 'Iraq',
  precision: 'town',
  id: 'tal-afar',
};
const province: Location = {
  place: 'Ninawa',
  admin1: 'Ninawa',
  country: 'Iraq',
  precision: 'province',
  id: 'ninawa',
};
const country: Location = {
  place: 'Iraq',
  admin1: null,
  country: 'Iraq',
  precision: 'country',
  id: 'iraq',
};
const otherProvince: Location = { ...province, place: 'Diyala', admin1: 'Diyala', id: 'diyala' };
const otherBase: Location = { ...base, place: 'Camp Hawk', id: 'camp-hawk' };

describe('placeRelation', () => {
  it('knows the same base, also when one report only mentions the other one', () => {
    expect(placeRelation(report(base), incident(base))).toBe('same');
    expect(placeRelation(report(otherBase, ['camp-falcon']), incident(base))).toBe('same');
  });

  it('treats a place inside another as contained, in both directions', () => {
    expect(placeRelation(report(base), incident(province))).toBe('contained');
    expect(placeRelation(report(country), incident(town))).toBe('contained');
    expect(placeRelation(report(town), incident(country))).toBe('contained');
  });

  it('has nothing to say about unrelated places or two mentions of one country', () => {
    expect(placeRelation(report(base), incident(otherProvince))).toBeNull();
    expect(placeRelation(report(base), incident(otherBase))).toBeNull();
    expect(placeRelation(report(country), incident(country))).toBeNull();
  });
});
