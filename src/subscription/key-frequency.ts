/**
 * How often incidents carry each index key, learnt from incidents seen so far. The index posts a
 * conjunction under its rarest key, so good estimates keep the candidate lists short; until
 * enough incidents were seen it falls back to a fixed guess (field values common, names rare).
 */
import { isStopword } from '../domain/stopwords.js';
import type { IncidentFeatures } from './incident-features.js';

/** Besides the stopwords: words most reports on this beat carry. */
const COMMON_ON_THE_BEAT = new Set(
  (
    'after before over near us u iraq iraqi syria syrian forces force ' +
    'military troops said says attack attacks killed new report'
  ).split(' '),
);

/** Fixed guess of a key's frequency (0..1) before any incident was seen. */
export function guessKeyFrequency(key: string): number {
  if (key.startsWith('w:')) {
    const w = key.slice(2);
    return isStopword(w) || COMMON_ON_THE_BEAT.has(w) ? 0.6 : 0.02 + 0.1 / Math.max(1, w.length);
  }
  if (key.startsWith('e:')) return 0.05;
  if (key.startsWith('f:topic:') || key.startsWith('f:side:')) return 0.4;
  if (key.startsWith('f:type:')) return 0.3;
  if (key.startsWith('f:')) return 0.05;
  return 0.3; // c:killed, c:injured
}

export class KeyFrequency {
  private readonly counts = new Map<string, number>();
  private seen = 0;

  /** Needs this many incidents before trusting the counts over the guess. */
  constructor(private readonly warmUp = 200) {}

  get incidents(): number {
    return this.seen;
  }

  observe(features: Pick<IncidentFeatures, 'keys'>): void {
    this.seen += 1;
    for (const k of new Set(features.keys)) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }

  /** Estimated share of incidents carrying `key` (smoothed, never 0). */
  frequency(key: string): number {
    if (this.seen < this.warmUp) return guessKeyFrequency(key);
    return ((this.counts.get(key) ?? 0) + 0.5) / (this.seen + 1);
  }
}
