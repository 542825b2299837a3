import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { classifyItemSchema } from '../classify-input.js';

/** The eval set's topic codes (../shared/eval/README.md) → our topic ids. */
export const TOPIC_CODES: Readonly<Record<string, string>> = {
  T1: 'casualties',
  T2: 'counter-isis',
  T3: 'militia-attacks',
  T4: 'us-strikes',
  T5: 'presence-politics',
};

/** An input item of `sitrep classify` plus the eval set's labels. */
const labelledSchema = classifyItemSchema.extend({
  id: z.union([z.string(), z.number()]).transform(String),
  label: z.enum(['on', 'off']),
  topics: z.array(z.string()).default([]),
  near_miss: z.boolean().nullish(),
  event_key: z.string().nullish(),
});

export interface LabelledItem {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly content?: string;
  readonly on: boolean;
  /** Our topic ids. */
  readonly topics: readonly string[];
  readonly nearMiss: boolean;
  readonly eventKey?: string;
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
}

/** Reads a labelled JSON-lines file (the eval set format); a bad line is an error with its number. */
export function readLabelledItems(file: string): LabelledItem[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: LabelledItem[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const r = labelledSchema.safeParse(JSON.parse(line));
    if (!r.success)
      throw new AppError(
        'EVAL_INPUT',
        `${file} line ${i + 1}: ${r.error.issues[0]?.message ?? 'invalid'}`,
      );
    const d = r.data;
    out.push({
      id: d.id,
      title: d.title,
      summary: d.summary ?? '',
      ...(d.content ? { content: d.content } : {}),
      on: d.label === 'on',
      topics: d.topics.map((t) => TOPIC_CODES[t] ?? t),
      nearMiss: d.near_miss === true,
      ...(d.event_key ? { eventKey: d.event_key } : {}),
      ...(d.published ? { published: d.published } : {}),
      ...(d.source ? { source: d.source } : {}),
      ...(d.url ? { url: d.url } : {}),
    });
  });
  return out;
}
