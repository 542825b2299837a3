import { z } from 'zod';
import type { MatchInput } from '../match/item-text.js';

/** One input line of `sitrep classify`: {id, title, summary, content?, published?, source?, url?}. */
export const classifyItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  title: z.string(),
  summary: z.string().nullish(),
  content: z.string().nullish(),
  published: z.string().nullish(),
  source: z.string().nullish(),
  url: z.string().nullish(),
});

export type ClassifyItem = z.output<typeof classifyItemSchema>;

export function toMatchInput(item: ClassifyItem): MatchInput {
  return {
    title: item.title,
    summary: item.summary ?? '',
    ...(item.content ? { content: item.content } : {}),
    ...(item.published ? { published: item.published } : {}),
    ...(item.source ? { source: item.source } : {}),
    ...(item.url ? { url: item.url } : {}),
  };
}

/** Parses one JSON line; returns the item or a readable reason. */
export function parseItemLine(
  line: string,
): { item: ClassifyItem } | { error: string; id: unknown } {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})`, id: null };
  }
  const result = classifyItemSchema.safeParse(doc);
  if (result.success) return { item: result.data };
  const id =
    typeof doc === 'object' && doc !== null && 'id' in doc ? (doc as { id: unknown }).id : null;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || 'item'}: ${i.message}`);
  return { error: issues.join('; '), id };
}
