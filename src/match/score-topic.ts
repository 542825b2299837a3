import type { Evidence } from './evidence.js';
import type { Cue, TopicProfile } from './topic-profile.js';

export interface TopicScoreDetail {
  readonly topic: string;
  readonly score: number;
  readonly threshold: number;
  /** Cues that added most to the score, strongest first. */
  readonly drivers: readonly Cue[];
  /** Required cue groups that were not met. */
  readonly unmet: readonly (readonly Cue[])[];
  /** Negative classes that counted against the topic. */
  readonly against: readonly string[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Similarity to the topic's weighted terms: the matched share of its strongest terms, 0..1. */
export function profileSimilarity(profile: TopicProfile, terms: ReadonlySet<string>): number {
  if (profile.terms.length === 0) return 0;
  let hit = 0;
  let top = 0;
  profile.terms.forEach((t, i) => {
    if (i < 12) top += Math.max(0, t.weight);
    if (terms.has(t.term)) hit += Math.max(0, t.weight);
  });
  return top === 0 ? 0 : Math.min(1, hit / (0.5 * top));
}

/** Scores one topic: a logistic over weighted cues minus negative evidence, capped by rules. */
export function scoreTopic(
  profile: TopicProfile,
  ev: Evidence,
  threshold: number,
): TopicScoreDetail {
  const { rule } = profile;
  const cues: Record<Cue, number> = { ...ev.cues, profile: profileSimilarity(profile, ev.terms) };
  let logit = rule.bias;
  const parts: [Cue, number][] = [];
  for (const [cue, w] of Object.entries(rule.weights) as [Cue, number][]) {
    const v = w * cues[cue];
    logit += v;
    if (v > 0) parts.push([cue, v]);
  }
  const against: string[] = [];
  for (const [cls, neg] of ev.negatives) {
    if (rule.ignoreNegatives.includes(cls)) continue;
    logit -= neg.penalty;
    against.push(cls);
  }
  const unmet = rule.require.filter((group) => !group.some((c) => cues[c] >= 0.5));
  let score = sigmoid(logit);
  if (unmet.length > 0) score = Math.min(score, rule.capUnmet);
  return {
    topic: profile.id,
    score: Math.round(score * 1000) / 1000,
    threshold: profile.threshold ?? threshold,
    drivers: parts.sort((a, b) => b[1] - a[1]).map(([c]) => c),
    unmet,
    against,
  };
}
