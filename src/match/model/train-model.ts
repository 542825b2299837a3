import type { FeatureVector } from './item-features.js';
import { predict, trainLogistic, type LogisticOptions, type SparseRow } from './logistic.js';
import { ON_HEAD, type TopicModelData } from './topic-model.js';

/** One labelled item, read into features. */
export interface TrainingExample {
  readonly features: FeatureVector;
  readonly on: boolean;
  /** Topic ids (empty for off items). */
  readonly topics: readonly string[];
}

export interface TrainOptions extends LogisticOptions {
  /** A word n-gram must occur in at least this many items to become a feature. */
  readonly minCount: number;
  /**
   * The L2 penalty of word n-grams relative to the domain features (cues, rules, gazetteer
   * kinds, negative classes): above 1, the model trusts the domain evidence more than words.
   */
  readonly wordPenalty: number;
}

export const DEFAULT_TRAIN: TrainOptions = {
  l2: 0.003,
  iterations: 300,
  learningRate: 0.05,
  minCount: 2,
  wordPenalty: 1,
};

const isWordFeature = (name: string): boolean => name.startsWith('w:') || name.startsWith('h:');

/**
 * The model's features: every domain feature seen at all, word n-grams seen in `minCount`
 * items or more (rarer ones are noise at this data size). Sorted, so training is reproducible.
 */
export function buildVocabulary(examples: readonly TrainingExample[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const e of examples)
    for (const name of e.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .filter(([name, n]) => !isWordFeature(name) || n >= minCount)
    .map(([name]) => name)
    .sort();
}

export function toRows(
  examples: readonly TrainingExample[],
  features: readonly string[],
): SparseRow[] {
  const index = new Map(features.map((f, i) => [f, i]));
  return examples.map((e) => {
    const pairs = [...e.features].flatMap(([name, v]) => {
      const i = index.get(name);
      return i === undefined ? [] : [[i, v] as const];
    });
    return {
      index: Int32Array.from(pairs.map(([i]) => i)),
      value: Float64Array.from(pairs.map(([, v]) => v)),
    };
  });
}

/** The labels of each head: on/off, then one yes/no per topic. */
export function headLabels(
  examples: readonly TrainingExample[],
  topicIds: readonly string[],
): Map<string, number[]> {
  const out = new Map<string, number[]>([[ON_HEAD, examples.map((e) => (e.on ? 1 : 0))]]);
  for (const t of topicIds)
    out.set(
      t,
      examples.map((e) => (e.topics.includes(t) ? 1 : 0)),
    );
  return out;
}

export interface TrainedHeads {
  readonly features: readonly string[];
  readonly heads: ReadonlyMap<string, { bias: number; weights: Float64Array }>;
}

/** Trains the on/off head and one head per topic on the same features. */
export function trainHeads(
  examples: readonly TrainingExample[],
  topicIds: readonly string[],
  options: TrainOptions = DEFAULT_TRAIN,
): TrainedHeads {
  const features = buildVocabulary(examples, options.minCount);
  const rows = toRows(examples, features);
  const penaltyScale = Float64Array.from(features, (f) =>
    isWordFeature(f) ? options.wordPenalty : 1,
  );
  const heads = new Map(
    [...headLabels(examples, topicIds)].map(
      ([head, labels]) =>
        [head, trainLogistic(rows, labels, features.length, { ...options, penaltyScale })] as const,
    ),
  );
  return { features, heads };
}

/** Each head's probability for each example. */
export function predictHeads(
  trained: TrainedHeads,
  examples: readonly TrainingExample[],
): Map<string, number[]> {
  const rows = toRows(examples, trained.features);
  return new Map(
    [...trained.heads].map(([head, w]) => [head, rows.map((r) => predict(w, r))] as const),
  );
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** The stored form, with each head's operating threshold. */
export function toModelData(
  trained: TrainedHeads,
  thresholds: ReadonlyMap<string, number>,
  trainedWith: Record<string, unknown>,
): TopicModelData {
  const heads = [...trained.heads];
  return {
    format: 'sitrep-topic-model/1',
    trainedWith,
    heads: Object.fromEntries(
      heads.map(([head, w]) => [
        head,
        { bias: round(w.bias), threshold: round(thresholds.get(head) ?? 0.5) },
      ]),
    ),
    weights: trained.features.map(
      (f, i) => [f, ...heads.map(([, w]) => round(w.weights[i] ?? 0))] as [string, ...number[]],
    ),
  };
}
