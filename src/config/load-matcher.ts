import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { lexiconSchema, type Lexicon } from '../match/lexicon.js';
import { createTopicMatcher, type TopicMatcher } from '../match/topic-matcher.js';
import type { TopicProfile } from '../match/topic-profile.js';
import { loadGazetteer } from './load-gazetteer.js';
import { loadTopicModel } from './load-topic-model.js';
import { loadTopics } from './load-topics.js';
import { readYamlFile } from './read-yaml-file.js';
import type { Config } from './schema.js';

export function loadLexicon(file: string): Lexicon {
  return readYamlFile(file, lexiconSchema, 'lexicon');
}

export interface LoadedMatcher {
  readonly matcher: TopicMatcher;
  readonly gazetteer: Gazetteer;
  readonly topics: readonly TopicProfile[];
  readonly lexicon: Lexicon;
}

/**
 * Builds the topic matcher from the `match` section of the config (paths already resolved): the
 * learned model decides; `{ model: false }` gives the hand rules alone (training compares them).
 */
export function loadMatcher(
  match: Config['match'],
  options: { readonly model?: boolean } = {},
): LoadedMatcher {
  const gazetteer = loadGazetteer(match.gazetteer);
  const topics = loadTopics(match.topicsDir);
  const lexicon = loadLexicon(match.lexicon);
  const model =
    options.model === false
      ? undefined
      : loadTopicModel(
          match.model,
          topics.map((t) => t.id),
        );
  const matcher = createTopicMatcher(topics, gazetteer, {
    lexicon,
    threshold: match.threshold,
    leadWords: match.leadWords,
    window: match.window,
    ...(model ? { model } : {}),
  });
  return { matcher, gazetteer, topics, lexicon };
}
