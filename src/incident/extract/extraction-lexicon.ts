/**
 * The extractor's sections of config/lexicon.yml: victim nouns by class, and the cue words of
 * each event sub-type. Validated with enums, so a misspelt class or sub-type fails at start-up
 * with its path. The matcher's sections of the same file are validated in src/match.
 */
import { z } from 'zod';
import { EVENT_TYPES, SUB_EVENT_TYPES } from '../../domain/incident.js';

/** What a victim noun means when nothing in its phrase names a side (see config/lexicon.yml). */
export const VICTIM_CLASSES = [
  'military',
  'armed',
  'civilian',
  'contractor',
  'leader',
  'person',
] as const;
export type VictimClass = (typeof VICTIM_CLASSES)[number];

const phrases = z.array(z.string().trim().min(1));

const victimNounsSchema = z.strictObject({
  /** Singular forms: without a figure they count one ("killed ISIS leader X"). */
  one: phrases.default([]),
  many: phrases.default([]),
});

const eventTypeSchema = z.strictObject({
  type: z.enum(EVENT_TYPES),
  subType: z.enum(SUB_EVENT_TYPES),
  /** A weak cue counts only when no other cue is found (a bare "attack"). */
  weak: z.boolean().default(false),
  cues: phrases.min(1),
});

export const extractionLexiconSchema = z.object({
  victims: z.partialRecord(z.enum(VICTIM_CLASSES), victimNounsSchema),
  eventTypes: z.array(eventTypeSchema).min(1),
});

export type ExtractionLexicon = z.output<typeof extractionLexiconSchema>;
export type EventTypeCues = z.output<typeof eventTypeSchema>;
