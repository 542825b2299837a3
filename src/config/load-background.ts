import { z } from 'zod';
import type { Background } from '../match/profile-builder.js';
import { readYamlFile } from './read-yaml-file.js';

const backgroundSchema = z.object({
  default: z.number().positive(),
  tiers: z.record(
    z.string().regex(/^\d+(\.\d+)?$/, 'tier keys are per-million frequencies'),
    z.array(z.string()),
  ),
});

/** Reads config/background-terms.yml: word-frequency tiers of general news text. */
export function loadBackground(file: string): Background {
  const data = readYamlFile(file, backgroundSchema, 'background term list');
  const frequency = new Map<string, number>();
  for (const [tier, words] of Object.entries(data.tiers)) {
    for (const w of words) {
      const key = w.toLowerCase();
      frequency.set(key, Math.max(frequency.get(key) ?? 0, Number(tier)));
    }
  }
  return { frequency, fallback: data.default };
}
