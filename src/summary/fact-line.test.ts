import { describe, expect, it } from 'vitest';
import type { IncidentFacts } from '../domain/incident.js';
import { factLine, rankActors, whenLabel } from './fact-line.js';

const facts = (over: Partial<IncidentFacts>): IncidentFacts => ({
  type: 'Explosions/Remote violence',
  subType: 'Shelling/artillery/missile attack',
  actors: [],
  location: { place: null, admin1: null, country: null, precision: 'none' } as never,
  casualties: [],
  troops: null,
  eventDate: null,
  eventDatePrecision: 'unknown',
  ...over,
});

describe('fact line', () => {
  it('says when it happened, as precisely as the record knows', () => {
    expect(whenLabel(facts({ eventDate: '2026-11-27', eventDatePrecision: 'day' }))).toBe('27 Nov');
    expect(whenLabel(facts({ eventDate: '2026-11-23', eventDatePrecision: 'week' }))).toBe(
      'week of 23 Nov',
    );
    expect(whenLabel(facts({ eventDate: '2026-11-01', eventDatePrecision: 'month' }))).toBe(
      'Nov 2026',
    );
    expect(whenLabel(facts({}))).toBeNull();
  });

  it('names the militia before "US government" from "US officials said"', () => {
    const actors = [
      { name: 'US government', side: 'us' as const },
      { name: 'US forces', side: 'us' as const },
      { name: 'US Central Command', side: 'us' as const },
      { name: 'Kataib Hezbollah', side: 'militia' as const },
    ];
    expect(rankActors(actors)[0]?.name).toBe('Kataib Hezbollah');
    expect(factLine(facts({ actors }), 1)).toContain('Kataib Hezbollah');
  });
});
