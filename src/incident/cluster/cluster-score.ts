/**
 * Does a report belong to an open incident? The time verdict and the place veto rule a pair out;
 * otherwise the join probability is a logistic model over the pair's features (pair-features.ts)
 * with the weights in `incidents.cluster.weights`, learned from labelled reports by `sitrep
 * cluster tune` (docs/INCIDENTS.md, "Clustering").
 */
import type { ClusterConfig, ClusterWeights } from './cluster-config.js';
import type { IncidentFeatures } from './incident-features.js';
import { PAIR_FEATURES, type PairFeatures } from './pair-feature-names.js';
import { pairFeatures, withLeads } from './pair-features.js';
import { placeRelation } from './place-relation.js';
import type { ReportFeatures } from './report-features.js';
import type { TimeVerdict } from './time-verdict.js';

/** The logistic model's probability that the pair is one event. */
export function joinProbability(f: PairFeatures, w: ClusterWeights): number {
  let z = w.bias;
  for (const name of PAIR_FEATURES) z += w[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

export interface Candidate<T> {
  readonly incident: T;
  readonly features: PairFeatures;
}

/**
 * The features of every incident the rules allow for this report: not vetoed by time or place,
 * and, for an undated follow-up after the window, at the same base or town.
 */
export function candidates<T extends { readonly features: IncidentFeatures }>(
  r: ReportFeatures,
  open: readonly T[],
  times: readonly TimeVerdict[],
  cfg: ClusterConfig,
): Candidate<T>[] {
  const out: Candidate<T>[] = [];
  open.forEach((o, i) => {
    const time = times[i] ?? 'veto';
    if (time === 'veto') return;
    if (time === 'late' && placeRelation(r, o.features) !== 'same') return;
    const features = pairFeatures(r, o.features, time, cfg);
    if (features) out.push({ incident: o, features });
  });
  return withLeads(out);
}

/** The most probable candidate at or above the join threshold, or null. */
export function bestJoin<T>(list: readonly Candidate<T>[], cfg: ClusterConfig): T | null {
  let best: T | null = null;
  let bestP = cfg.joinProbability;
  for (const c of list) {
    const p = joinProbability(c.features, cfg.weights);
    if (p >= bestP) {
      best = c.incident;
      bestP = p;
    }
  }
  return best;
}
