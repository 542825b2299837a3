/**
 * The extractor's vocabulary for unit tests: the small test gazetteer with the lexicon sitrep
 * ships (config/lexicon.yml), so tests exercise the real victim nouns and event cues.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { extractionLexiconSchema } from '../../src/incident/extract/extraction-lexicon.js';
import {
  createVocabulary,
  type ExtractionVocabulary,
} from '../../src/incident/extract/vocabulary.js';
import { testGazetteer } from './test-gazetteer.js';

let shared: ExtractionVocabulary | null = null;

export function testVocabulary(): ExtractionVocabulary {
  if (shared) return shared;
  const text = readFileSync(new URL('../../config/lexicon.yml', import.meta.url), 'utf8');
  const lexicon = extractionLexiconSchema.parse(parse(text));
  shared = createVocabulary({ gazetteer: testGazetteer(), lexicon, theatre: 'iraq-syria' });
  return shared;
}
