import type { TopicMatch } from '../domain/topic-match.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { explain } from './explain.js';
import { itemText, type MatchInput } from './item-text.js';
import type { Lexicon } from './lexicon.js';
import { DEFAULT_MATCHER_SETTINGS, type MatcherSettings } from './matcher-settings.js';
import { createItemReader } from './read-item.js';
import { scoreTopic, type TopicScoreDetail } from './score-topic.js';
import type { TopicProfile } from './topic-profile.js';

export interface TopicMatcher {
  match(input: MatchInput): TopicMatch;
  /** Same, with every topic's score and the evidence details (for eval and debugging). */
  explainAll(input: MatchInput): { match: TopicMatch; scores: readonly TopicScoreDetail[] };
}

export interface MatcherOptions extends Partial<MatcherSettings> {
  readonly lexicon: Lexicon;
}

/**
 * The topic matcher: pure and synchronous. Reads the headline, summary and content lead, finds
 * gazetteer actors and places and lexicon events, scores every topic, and explains the verdict.
 */
export function createTopicMatcher(
  topics: readonly TopicProfile[],
  gazetteer: Gazetteer,
  options: MatcherOptions,
): TopicMatcher {
  const settings: MatcherSettings = { ...DEFAULT_MATCHER_SETTINGS, ...options };
  const reader = createItemReader(gazetteer, options.lexicon, settings.window);

  const explainAll = (input: MatchInput): { match: TopicMatch; scores: TopicScoreDetail[] } => {
    const ev = reader.read(itemText(input, settings.leadWords));
    const scores = topics
      .map((t) => scoreTopic(t, ev, settings.threshold))
      .sort((a, b) => b.score - a.score);
    const on = scores.filter((s) => s.score >= s.threshold);
    const match: TopicMatch = {
      match: on.length > 0,
      score: scores[0]?.score ?? 0,
      topics: on.map((s) => ({ topic: s.topic, score: s.score })),
      why: explain(ev, scores, on.length > 0),
    };
    return { match, scores };
  };

  return {
    match: (input) => explainAll(input).match,
    explainAll,
  };
}
