import { describe, expect, it } from 'vitest';
import { casualty, makeIncident, type IncidentSpec } from '../../test/support/make-incident.js';
import { testGazetteer } from '../../test/support/test-gazetteer.js';
import { incidentFeatures } from './incident-features.js';
import { matchQuery } from './match-query.js';
import { parseQuery } from './query-parser.js';

const gazetteer = testGazetteer();

const militiaDrone: IncidentSpec = {
  headline: 'Drone attack on Ayn al-Asad blamed on Kata’ib Hizbollah',
  summary: 'Two Américan soldiers were wounded when a one-way drone struck the base.',
  topics: ['militia-attacks', 'casualties'],
  type: 'Explosions/Remote violence',
  subType: 'Air/drone strike',
  actors: [
    { name: "Kata'ib Hezbollah", side: 'militia', id: 'kataib-hezbollah' },
    { name: 'US forces', side: 'us' },
  ],
  location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
  casualties: [casualty('us', 0, 2)],
  sources: [{ title: 'Militia drone hits western Iraq base' }],
};

function matches(query: string, spec: IncidentSpec = militiaDrone): boolean {
  const r = parseQuery(query, { gazetteer });
  if (!r.ok) throw new Error(r.error.message);
  return matchQuery(r.query, incidentFeatures(makeIncident(spec), gazetteer));
}

describe('matchQuery', () => {
  it('matches a subscription to one alias against another spelling of the same actor', () => {
    expect(matches('Kataib Hezbollah')).toBe(true);
    expect(matches('"Kataeb Hezbollah"')).toBe(true);
    expect(matches('actor:"kataib hizbollah"')).toBe(true);
    expect(matches('hezbollah -"kataib hezbollah"')).toBe(false);
  });

  it('ignores case and diacritics in words and phrases', () => {
    expect(matches('AMERICAN SOLDIERS')).toBe(true);
    expect(matches('"american soldiers were wounded"')).toBe(true);
    expect(matches('"soldiers american"')).toBe(false);
  });

  it('matches words from the source titles too', () => {
    expect(matches('western')).toBe(true);
    expect(matches('rocket')).toBe(false);
  });

  it('filters on topic, type, place, actor and side', () => {
    expect(matches('topic:casualties')).toBe(true);
    expect(matches('topic:us-strikes')).toBe(false);
    expect(matches('type:drone')).toBe(true);
    expect(matches('type:explosions')).toBe(true);
    expect(matches('type:battles')).toBe(false);
    expect(matches('place:anbar')).toBe(true);
    expect(matches('place:"Al Asad air base"')).toBe(true);
    expect(matches('place:syria')).toBe(false);
    expect(matches('side:american')).toBe(true);
    expect(matches('side:isis')).toBe(false);
    expect(matches('actor:isis')).toBe(false);
  });

  it('compares casualty thresholds over all sides', () => {
    expect(matches('injured>=2')).toBe(true);
    expect(matches('injured>2')).toBe(false);
    expect(matches('killed>=1')).toBe(false);
    expect(matches('killed=0 injured<3')).toBe(true);
  });

  it('combines with AND, OR, NOT and parentheses', () => {
    expect(matches('(rocket OR drone) place:iraq')).toBe(true);
    expect(matches('rocket OR (drone -anbar)')).toBe(false);
    expect(matches('NOT isis')).toBe(true);
    expect(matches('-drone')).toBe(false);
  });

  it('sees entities named only in the facts', () => {
    const spec = { ...militiaDrone, headline: 'Base attacked', summary: '', sources: [{}] };
    expect(matches('Ain al-Asad', spec)).toBe(true);
    expect(matches('Kataib Hezbollah', spec)).toBe(true);
  });
});
