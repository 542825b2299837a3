import { loadConfig } from '../config/load-config.js';
import { loadMatcher, type LoadedMatcher } from '../config/load-matcher.js';
import { loadVocabulary } from '../config/load-vocabulary.js';
import type { ClusterConfig } from '../incident/cluster/cluster-config.js';
import type { ExtractionVocabulary } from '../incident/extract/vocabulary.js';

export interface LoadedPipeline extends LoadedMatcher {
  /** The incident extractor's vocabulary, on the matcher's gazetteer. */
  readonly vocabulary: ExtractionVocabulary;
  /** `incidents.cluster`: the clusterer's settings. */
  readonly cluster: ClusterConfig;
}

/** The CLI's matcher and extractor: from config/default.yml (+ SITREP_CONFIG), as the worker builds them. */
export function buildMatcher(): LoadedPipeline {
  const config = loadConfig();
  const loaded = loadMatcher(config.match);
  return {
    ...loaded,
    vocabulary: loadVocabulary(config, loaded.gazetteer),
    cluster: config.incidents.cluster,
  };
}
