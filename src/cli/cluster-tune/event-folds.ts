/**
 * k-fold splits by event: every report of one event falls in the same fold, so a model is never
 * scored on an event it saw in training. Events are shuffled with a seeded generator
 * (reproducible) and dealt round-robin, largest first, so folds hold similar numbers of reports.
 */
import { seededRandom } from '../seeded-random.js';

/** The fold (0..k-1) of each item, from its event key. */
export function eventFolds(keys: readonly string[], k: number, seed: number): number[] {
  const sizes = new Map<string, number>();
  for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  const random = seededRandom(seed);
  const events = [...sizes.keys()]
    .map((key) => ({ key, order: random() }))
    .sort((a, b) => a.order - b.order)
    .sort((a, b) => (sizes.get(b.key) ?? 0) - (sizes.get(a.key) ?? 0));
  const foldOf = new Map<string, number>();
  const load = new Array<number>(k).fill(0);
  for (const { key } of events) {
    const fold = load.indexOf(Math.min(...load));
    foldOf.set(key, fold);
    load[fold] = (load[fold] ?? 0) + (sizes.get(key) ?? 0);
  }
  return keys.map((key) => foldOf.get(key) ?? 0);
}
