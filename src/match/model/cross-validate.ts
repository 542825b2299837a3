import { seededRandom } from './seeded-random.js';
import {
  predictHeads,
  trainHeads,
  type TrainingExample,
  type TrainOptions,
} from './train-model.js';

export { seededRandom } from './seeded-random.js';

/**
 * k folds split by group: every example of one group (all reports of one event) lands in the
 * same fold. Groups are shuffled with the seed, then dealt round-robin, largest first, so folds
 * have similar sizes.
 */
export function groupFolds(groups: readonly string[], k: number, seed: number): number[] {
  const sizes = new Map<string, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const random = seededRandom(seed);
  const order = [...sizes.keys()]
    .map((g) => ({ g, r: random() }))
    .sort((a, b) => (sizes.get(b.g) ?? 0) - (sizes.get(a.g) ?? 0) || a.r - b.r);
  const fill = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const { g } of order) {
    const f = fill.indexOf(Math.min(...fill));
    foldOf.set(g, f);
    fill[f] = (fill[f] ?? 0) + (sizes.get(g) ?? 0);
  }
  return groups.map((g) => foldOf.get(g) ?? 0);
}

/** Out-of-fold probabilities: each example scored by the heads trained without its fold. */
export function outOfFold(
  examples: readonly TrainingExample[],
  folds: readonly number[],
  topicIds: readonly string[],
  options: TrainOptions,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const k = Math.max(...folds) + 1;
  for (let f = 0; f < k; f += 1) {
    const train = examples.filter((_, i) => folds[i] !== f);
    const testIdx = folds.flatMap((x, i) => (x === f ? [i] : []));
    const probs = predictHeads(
      trainHeads(train, topicIds, options),
      testIdx.map((i) => examples[i] as TrainingExample),
    );
    for (const [head, p] of probs) {
      const all = out.get(head) ?? new Array<number>(examples.length).fill(0);
      testIdx.forEach((i, j) => (all[i] = p[j] ?? 0));
      out.set(head, all);
    }
  }
  return out;
}

/** One point of the operating curve. */
export interface CurvePoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly nearMissFpr: number;
}

/** Recall, precision and near-miss false-positive rate at thresholds 0.01 … 0.99. */
export function operatingCurve(
  probs: readonly number[],
  on: readonly boolean[],
  nearMiss: readonly boolean[],
): CurvePoint[] {
  const points: CurvePoint[] = [];
  const positives = on.filter(Boolean).length;
  const nearMisses = nearMiss.filter(Boolean).length;
  for (let t = 1; t < 100; t += 1) {
    const threshold = t / 100;
    let tp = 0;
    let fp = 0;
    let nm = 0;
    probs.forEach((p, i) => {
      if (p < threshold) return;
      if (on[i]) tp += 1;
      else fp += 1;
      if (nearMiss[i]) nm += 1;
    });
    points.push({
      threshold,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: positives === 0 ? 0 : tp / positives,
      nearMissFpr: nearMisses === 0 ? 0 : nm / nearMisses,
    });
  }
  return points;
}

/**
 * The operating threshold: the highest recall whose near-miss false-positive rate stays within
 * `maxNearMissFpr`; among equal recalls, the highest threshold (fewest false alarms).
 */
export function chooseThreshold(curve: readonly CurvePoint[], maxNearMissFpr: number): number {
  let best: CurvePoint | undefined;
  for (const p of curve) {
    if (p.nearMissFpr > maxNearMissFpr) continue;
    if (
      !best ||
      p.recall > best.recall ||
      (p.recall === best.recall && p.threshold > best.threshold)
    )
      best = p;
  }
  return best?.threshold ?? 0.5;
}

/**
 * A topic head's threshold: the best F1 for that topic among items that are on, where an item
 * always gets its likeliest topic (`top`) and other topics only past their threshold.
 */
export function chooseTopicThreshold(
  probs: readonly number[],
  gold: readonly boolean[],
  top: readonly boolean[],
): number {
  let best = { f1: -1, threshold: 0.5 };
  for (let t = 5; t <= 100; t += 1) {
    const threshold = t / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    probs.forEach((p, i) => {
      const yes = p >= threshold || top[i] === true;
      if (yes && gold[i]) tp += 1;
      else if (yes) fp += 1;
      else if (gold[i]) fn += 1;
    });
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > best.f1) best = { f1, threshold };
  }
  return best.threshold;
}
