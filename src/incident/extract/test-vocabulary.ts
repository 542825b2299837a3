/**
 * The extractor's vocabulary for unit tests: the small test gazetteer with the lexicon sitrep
 * ships (config/lexicon.yml), so tests exercise the real victim nouns and event cues. Test-only:
 * it reads a file, which runtime code in this folder never does.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { extractionLexiconSchema } from './extraction-lexicon.js';
import { testGazetteer } from './test-gazetteer.js';
import { createVocabulary, type ExtractionVocabulary } from './vocabulary.js';

let shared: ExtractionVocabulary | null = null;

export function testVocabulary(): ExtractionVocabulary {
  if (shared) return shared;
  const text = readFileSync(new URL('../../../config/lexicon.yml', import.meta.url), 'utf8');
  const lexicon = extractionLexiconSchema.parse(parse(text));
  shared = createVocabulary({ gazetteer: testGazetteer(), lexicon, theatre: 'iraq-syria' });
  return shared;
}
