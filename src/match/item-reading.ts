import type { Gazetteer } from '../gazetteer/gazetteer.js';
import type { Evidence } from './evidence.js';
import { itemText, type ItemText, type MatchInput } from './item-text.js';
import type { Lexicon } from './lexicon.js';
import type { MatcherSettings } from './matcher-settings.js';
import { itemFeatures, type FeatureVector } from './model/item-features.js';
import { createItemReader } from './read-item.js';
import { scoreTopic, type TopicScoreDetail } from './score-topic.js';
import type { TopicProfile } from './topic-profile.js';

/** Everything read from one item: its text, the evidence, the hand rules' scores, the features. */
export interface ItemReading {
  readonly text: ItemText;
  readonly evidence: Evidence;
  /** Every topic's hand-rule score, best first. */
  readonly rules: readonly TopicScoreDetail[];
  readonly features: FeatureVector;
}

export type ReadItemFeatures = (input: MatchInput) => ItemReading;

/** Builds the function that reads an item for the matcher and for training. */
export function createFeatureReader(
  topics: readonly TopicProfile[],
  gazetteer: Gazetteer,
  lexicon: Lexicon,
  settings: MatcherSettings,
): ReadItemFeatures {
  const reader = createItemReader(gazetteer, lexicon, settings.window);
  return (input) => {
    const text = itemText(input, settings.leadWords);
    const evidence = reader.read(text);
    const rules = topics
      .map((t) => scoreTopic(t, evidence, settings.threshold))
      .sort((a, b) => b.score - a.score);
    return { text, evidence, rules, features: itemFeatures(text, evidence, rules) };
  };
}
