import type { Gazetteer } from '../gazetteer/gazetteer.js';
import {
  extractionLexiconSchema,
  type ExtractionLexicon,
} from '../incident/extract/extraction-lexicon.js';
import { createVocabulary, type ExtractionVocabulary } from '../incident/extract/vocabulary.js';
import { loadGazetteer } from './load-gazetteer.js';
import { readYamlFile } from './read-yaml-file.js';
import type { Config } from './schema.js';

/** The extractor's sections of config/lexicon.yml (`victims`, `eventTypes`), validated. */
export function loadExtractionLexicon(file: string): ExtractionLexicon {
  return readYamlFile(file, extractionLexiconSchema, 'lexicon');
}

/**
 * The incident extractor's vocabulary from the files the matcher reads (`match.gazetteer`,
 * `match.lexicon`) and the product's `theatre`. Pass the matcher's gazetteer to share it.
 */
export function loadVocabulary(
  config: Pick<Config, 'match' | 'theatre'>,
  gazetteer: Gazetteer = loadGazetteer(config.match.gazetteer),
): ExtractionVocabulary {
  const lexicon = loadExtractionLexicon(config.match.lexicon);
  return createVocabulary({ gazetteer, lexicon, theatre: config.theatre });
}
