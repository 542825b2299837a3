/**
 * Extraction: one report (title + lead or full text) → IncidentFacts, plus the cleaned story
 * sentences the summary and the clusterer use. Pure; the gazetteer is passed in.
 */
import type { IncidentFacts } from '../../domain/incident.js';
import { unifyApostrophes } from './apostrophe.js';
import { isBackgroundSentence, splitBackgroundClause } from './background.js';
import { extractCasualties } from './casualties.js';
import { findEntities } from './entities.js';
import { parsePublished, resolveEventDate } from './event-date.js';
import { classifyEvent } from './event-type.js';
import { dropFurniture, isHeadingLike } from './page-furniture.js';
import { splitSentences, stripDateline } from './sentences.js';
import { findTroopFigure } from './troops.js';
import type { ExtractionVocabulary } from './vocabulary.js';

export interface ReportInput {
  readonly title: string;
  readonly summary: string;
  readonly content?: string;
  readonly published?: string | null;
}

export interface ExtractedReport {
  readonly facts: IncidentFacts;
  readonly title: string;
  /** Story sentences (furniture, headings and datelines removed), in order. */
  readonly sentences: readonly string[];
  /** Title and lead cut to what is about this event (background removed). */
  readonly foreground: readonly string[];
  readonly placeIds: readonly string[];
}

/** How many story sentences count as the lead. */
export const LEAD_SENTENCES = 10;

function storySentences(text: string): { story: string[]; all: string[] } {
  const all = dropFurniture(splitSentences(text));
  const first = all.findIndex((s) => !isHeadingLike(s));
  if (first >= 0) all[first] = stripDateline(all[first] ?? '');
  return { story: all.filter((s) => !isHeadingLike(s)), all };
}

/** Extracts the facts of one report. */
export function extractReport(
  input: ReportInput,
  vocabulary: ExtractionVocabulary,
): ExtractedReport {
  const title = unifyApostrophes(input.title.replace(/\s+/g, ' ').trim());
  const raw = input.content && input.content.trim().length > 0 ? input.content : input.summary;
  const body = unifyApostrophes(raw);
  const { story, all } = storySentences(body);
  const lead = all.slice(0, LEAD_SENTENCES);
  const splits = [title, ...lead.filter((s) => !isBackgroundSentence(s))].map(
    splitBackgroundClause,
  );
  const [fgTitle = '', ...fgLead] = splits.map((s) => s.foreground);
  const asides = splits.map((s) => s.aside).filter((a) => a.length > 0);
  const foreground = [fgTitle, ...fgLead].filter((s) => s.length > 0);
  const published = parsePublished(input.published);
  const isisStory = vocabulary.namesIsis([title, ...lead]);
  const cls = classifyEvent(fgTitle, fgLead, vocabulary);
  const statement = cls.type === 'Political statement';
  const entities = findEntities(vocabulary, [fgTitle, ...fgLead], {
    keepSpeakers: statement,
    asides,
  });
  const date = resolveEventDate(foreground, published);
  const troops = findTroopFigure(
    [title, ...all.filter((s) => !isBackgroundSentence(s))],
    vocabulary,
  );
  const facts: IncidentFacts = {
    type: cls.type,
    subType: cls.subType,
    actors: entities.actors,
    location: entities.location,
    casualties: extractCasualties(foreground, isisStory, vocabulary),
    troops,
    eventDate: date.date,
    eventDatePrecision: date.precision,
  };
  return { facts, title, sentences: story, foreground, placeIds: entities.placeIds };
}
