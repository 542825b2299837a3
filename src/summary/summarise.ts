/**
 * An incident's summary for chat: the fact line, then the lead sentence that carries the most
 * facts, at most 300 characters in all (the sentence is cut at a word with "…" if need be).
 */
import type { Incident, IncidentFacts } from '../domain/incident.js';
import { factLine } from './fact-line.js';
import { bestLeadSentence } from './lead-sentence.js';

export const SUMMARY_MAX = 300;

export interface SummaryInput {
  readonly facts: IncidentFacts;
  /** Candidate lead sentences, best sources first. */
  readonly sentences: readonly string[];
  readonly outlets: number;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/, '')}…`;
}

export function summarise(input: SummaryInput): string {
  const line = clip(factLine(input.facts, input.outlets), SUMMARY_MAX);
  const lead = bestLeadSentence(input.sentences, input.facts);
  const room = SUMMARY_MAX - line.length - 1;
  if (!lead || room < 40) return line;
  return `${line}\n${clip(lead, room)}`;
}

/** The summary of a stored incident (outlets and lead sentences from its sources). */
export function summariseIncident(incident: Incident): string {
  const outlets = new Set(incident.sources.map((s) => s.outlet || s.itemId)).size;
  const sentences = incident.sources.flatMap((s) => s.lead ?? []);
  return summarise({ facts: incident.facts, sentences, outlets });
}
