import type { TopicMatch } from '../domain/topic-match.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { explain } from './explain.js';
import { explainLearned } from './explain-learned.js';
import { createFeatureReader, type ItemReading } from './item-reading.js';
import type { MatchInput } from './item-text.js';
import type { Lexicon } from './lexicon.js';
import { DEFAULT_MATCHER_SETTINGS, type MatcherSettings } from './matcher-settings.js';
import { ON_HEAD, type HeadScore, type TopicModel } from './model/topic-model.js';
import type { TopicProfile } from './topic-profile.js';

export interface MatchDetail {
  readonly match: TopicMatch;
  readonly reading: ItemReading;
  /** The learned model's heads (absent when the matcher runs on the hand rules alone). */
  readonly heads?: readonly HeadScore[];
}

export interface TopicMatcher {
  match(input: MatchInput): TopicMatch;
  /** Same, with the reading, every topic's rule score and the model's heads (eval, debugging). */
  explainAll(input: MatchInput): MatchDetail;
}

export interface MatcherOptions extends Partial<MatcherSettings> {
  readonly lexicon: Lexicon;
  /**
   * The learned decision (config/topic-model.json). Without it the hand rules of the topic files
   * decide alone, as they did before the model (kept for comparison and for small tests).
   */
  readonly model?: TopicModel;
}

const round = (p: number): number => Math.round(p * 1000) / 1000;

function byRules(reading: ItemReading): TopicMatch {
  const on = reading.rules.filter((s) => s.score >= s.threshold);
  return {
    match: on.length > 0,
    score: reading.rules[0]?.score ?? 0,
    topics: on.map((s) => ({ topic: s.topic, score: s.score })),
    why: explain(reading.evidence, reading.rules, on.length > 0),
  };
}

/** The topics of an on-topic item: every topic head past its threshold, else the likeliest. */
function learnedTopics(heads: readonly HeadScore[]): HeadScore[] {
  const topics = heads
    .filter((h) => h.head !== ON_HEAD)
    .sort((a, b) => b.probability - a.probability);
  const past = topics.filter((h) => h.probability >= h.threshold);
  return past.length > 0 ? past : topics.slice(0, 1);
}

function byModel(reading: ItemReading, heads: readonly HeadScore[]): TopicMatch {
  const on = heads.find((h) => h.head === ON_HEAD);
  const match = on !== undefined && on.probability >= on.threshold;
  const topics = match ? learnedTopics(heads) : [];
  return {
    match,
    score: round(on?.probability ?? 0),
    topics: topics.map((h) => ({ topic: h.head, score: round(h.probability) })),
    why: explainLearned(reading.evidence, on, topics, match),
  };
}

/**
 * The topic matcher: pure and synchronous. Reads the headline, summary and content lead, finds
 * gazetteer actors and places and lexicon events, and lets the learned model weigh that evidence
 * (or the topic files' hand rules, without a model); explains the verdict in words.
 */
export function createTopicMatcher(
  topics: readonly TopicProfile[],
  gazetteer: Gazetteer,
  options: MatcherOptions,
): TopicMatcher {
  const settings: MatcherSettings = { ...DEFAULT_MATCHER_SETTINGS, ...options };
  const read = createFeatureReader(topics, gazetteer, options.lexicon, settings);
  const { model } = options;
  const explainAll = (input: MatchInput): MatchDetail => {
    const reading = read(input);
    if (!model) return { match: byRules(reading), reading };
    const heads = model.score(reading.features);
    return { match: byModel(reading, heads), reading, heads };
  };
  return { match: (input) => explainAll(input).match, explainAll };
}
