import type { IncidentFacts } from '../domain/incident.js';

/** The `sitrep extract` output record for one item (a stable contract). */
export function extractRecord(id: unknown, facts: IncidentFacts, summary: string): object {
  return {
    id,
    type: facts.type,
    sub_type: facts.subType,
    actors: facts.actors.map((a) => ({ name: a.name, side: a.side })),
    location: {
      place: facts.location.place,
      admin1: facts.location.admin1,
      country: facts.location.country,
    },
    casualties: facts.casualties.map((c) => ({
      side: c.side,
      killed: { min: c.killed.min, max: c.killed.max },
      injured: { min: c.injured.min, max: c.injured.max },
    })),
    troops: facts.troops,
    event_date: facts.eventDate,
    summary,
  };
}
