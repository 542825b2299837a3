/**
 * What the clusterer compares: a report's (or an incident's) text vector, entities, type,
 * casualties and times.
 */
import type { Casualty, EventType, IncidentFacts } from '../../domain/incident.js';
import type { ExtractedReport } from '../extract/extract-facts.js';
import type { ExtractionVocabulary } from '../extract/vocabulary.js';
import { isFollowUp } from './follow-up.js';
import { figures, properNames } from './salient-terms.js';
import { shingles, termVector, type TermVector } from './text-similarity.js';

export interface ReportFeatures {
  readonly vector: TermVector;
  /** The title's own word vector. */
  readonly titleVector: TermVector;
  /** Proper names and figures in the title and foreground lead (salient-terms.ts). */
  readonly names: ReadonlySet<string>;
  readonly figures: ReadonlySet<number>;
  readonly shingles: ReadonlySet<string>;
  readonly entities: ReadonlySet<string>;
  readonly countries: ReadonlySet<string>;
  readonly type: EventType | null;
  readonly subType: string | null;
  readonly casualties: readonly Casualty[];
  /** Day-precision event date (ms, UTC midnight) or null. */
  readonly eventDay: number | null;
  /** Week-precision event date ("last week", ms, UTC midnight) or null. */
  readonly eventWeek: number | null;
  /** The report revises an earlier one (see follow-up.ts). */
  readonly followUp: boolean;
  /** Publish time (ms) or null. */
  readonly published: number | null;
  /** A month-precision time (mid-month ms, from the URL) when nothing finer is known. */
  readonly approx: number | null;
  readonly location: IncidentFacts['location'];
}

const DAY_MS = 86_400_000;

export function dayMs(isoDate: string | null, precision: string, want = 'day'): number | null {
  if (!isoDate || precision !== want) return null;
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(ms) ? null : Math.floor(ms / DAY_MS) * DAY_MS;
}

/**
 * Features of one extracted report, with its publish time (ms) and, when that is unknown, a
 * month-precision time from its URL (`approx`).
 */
export function reportFeatures(
  r: ExtractedReport,
  published: number | null,
  vocabulary: ExtractionVocabulary,
  approx: number | null = null,
): ReportFeatures {
  const known = vocabulary.gazetteerWords;
  const countryOf = (id: string): string | undefined => vocabulary.gazetteer.place(id)?.country;
  const f = r.facts;
  const text = r.foreground.join(' ');
  const entities = new Set<string>([
    ...f.actors.map((a) => `a:${a.id ?? a.name}`),
    ...r.placeIds.map((p) => `p:${p}`),
  ]);
  const countries = new Set<string>();
  for (const p of r.placeIds) {
    const c = countryOf(p);
    if (c) countries.add(c.toLowerCase());
  }
  return {
    vector: termVector(text),
    titleVector: termVector(r.title),
    names: properNames(r.foreground, known),
    figures: figures(r.foreground),
    shingles: shingles([r.title, ...r.sentences.slice(0, 2)].join(' ')),
    entities,
    countries,
    type: f.type,
    subType: f.subType,
    casualties: f.casualties,
    eventDay: dayMs(f.eventDate, f.eventDatePrecision),
    eventWeek: dayMs(f.eventDate, f.eventDatePrecision, 'week'),
    followUp: isFollowUp(r.foreground),
    published,
    approx: published === null ? approx : null,
    location: f.location,
  };
}
