/**
 * Cross-validation of the clusterer, split by event: for each fold, the join model is fitted on
 * the other folds (weights by logistic regression on gold pairs, the join threshold by the best
 * BCubed F1 of online clustering of those same training reports) and scored on the held-out
 * fold; the configured clusterer is scored on the same folds for comparison.
 */
import type { TopicMatch } from '../../domain/topic-match.js';
import type { ClusterConfig, ClusterWeights } from '../../incident/cluster/cluster-config.js';
import { EMPTY_CLUSTER_STATE, type ClusterState } from '../../incident/cluster/cluster-state.js';
import { PAIR_FEATURES } from '../../incident/cluster/pair-feature-names.js';
import type { ExtractionVocabulary } from '../../incident/extract/vocabulary.js';
import { processReport } from '../../incident/process-report.js';
import { bcubed, type BCubed } from '../eval/bcubed.js';
import { eventFolds } from './event-folds.js';
import { goldPairs, type KeyedItem } from './gold-pairs.js';
import { fitLogistic } from './logistic.js';

const MATCH: TopicMatch = { match: true, score: 1, topics: [], why: 'tune' };
const SEEN = new Date('2030-01-01T00:00:00Z');
/** Join thresholds tried on the training folds. */
export const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];

export interface TuneOptions {
  readonly folds: number;
  readonly repeats: number;
  readonly seed: number;
  /** L2 penalty of the logistic regression. */
  readonly l2: number;
}

/** Online clustering of the items in their order, scored against their events. */
export function scoreClustering(
  items: readonly KeyedItem[],
  vocabulary: ExtractionVocabulary,
  config: ClusterConfig,
): BCubed {
  let state: ClusterState = EMPTY_CLUSTER_STATE;
  const rows = items.map((item) => {
    const r = processReport(state, item, MATCH, SEEN, { vocabulary, config });
    state = r.state;
    return { cluster: r.incident.id, key: item.key };
  });
  return bcubed(rows);
}

/** The join model's weights fitted on the items' gold pairs. */
export function fitWeights(
  items: readonly KeyedItem[],
  vocabulary: ExtractionVocabulary,
  base: ClusterConfig,
  l2: number,
): ClusterWeights {
  const pairs = goldPairs(items, vocabulary, base);
  const model = fitLogistic(
    pairs.map((p) => PAIR_FEATURES.map((f) => p.features[f])),
    pairs.map((p) => (p.same ? 1 : 0)),
    { l2 },
  );
  return Object.fromEntries([
    ['bias', model.bias],
    ...PAIR_FEATURES.map((f, i) => [f, model.weights[i] ?? 0]),
  ]) as ClusterWeights;
}

/**
 * Fits the join model on the items: the weights by logistic regression on their gold pairs, the
 * threshold by the best BCubed F1 of online clustering of the same items.
 */
export function fitClusterer(
  items: readonly KeyedItem[],
  vocabulary: ExtractionVocabulary,
  base: ClusterConfig,
  l2: number,
): ClusterConfig {
  const weights = fitWeights(items, vocabulary, base, l2);
  let best = { ...base, weights, joinProbability: base.joinProbability };
  let bestF1 = -1;
  for (const joinProbability of THRESHOLDS) {
    const cfg = { ...base, weights, joinProbability };
    const f1 = scoreClustering(items, vocabulary, cfg).f1;
    if (f1 > bestF1) {
      best = cfg;
      bestF1 = f1;
    }
  }
  return best;
}

export interface FoldScores {
  readonly configured: BCubed[];
  readonly fitted: BCubed[];
}

/** Scores the configured and the refitted clusterer on every held-out fold of every repeat. */
export function crossValidate(
  items: readonly KeyedItem[],
  vocabulary: ExtractionVocabulary,
  config: ClusterConfig,
  options: TuneOptions,
): FoldScores {
  const out: FoldScores = { configured: [], fitted: [] };
  for (let r = 0; r < options.repeats; r += 1) {
    const folds = eventFolds(
      items.map((i) => i.key),
      options.folds,
      options.seed + r,
    );
    for (let f = 0; f < options.folds; f += 1) {
      const test = items.filter((_, i) => folds[i] === f);
      const train = items.filter((_, i) => folds[i] !== f);
      out.configured.push(scoreClustering(test, vocabulary, config));
      const fitted = fitClusterer(train, vocabulary, config, options.l2);
      out.fitted.push(scoreClustering(test, vocabulary, fitted));
    }
  }
  return out;
}
