import { z } from 'zod';

export const EVENT_CLASSES = [
  'attack',
  'strike',
  'raid',
  'casualty',
  'presence',
  'politics',
  'background',
  'personnel',
  'enemy',
] as const;
export type EventClass = (typeof EVENT_CLASSES)[number];

export const negativeClassSchema = z.object({
  weight: z.number().min(0),
  terms: z.array(z.string().min(1)).min(1),
  /** Counts only when the item is not placed in Iraq/Syria (an accident there is still news). */
  outOfScopeOnly: z.boolean().default(false),
});

export const lexiconSchema = z.object({
  events: z.partialRecord(z.enum(EVENT_CLASSES), z.array(z.string().min(1))),
  negatives: z.record(z.string(), negativeClassSchema).default({}),
});

export type Lexicon = z.output<typeof lexiconSchema>;
export type NegativeClass = z.output<typeof negativeClassSchema>;
