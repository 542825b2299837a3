import { describe, expect, it } from 'vitest';
import { testVocabulary } from '../../../test/support/test-vocabulary.js';
import { compileExtractionPatterns, PATTERN_SAMPLES } from './compile-patterns.js';
import { chronoParseCount, clearEventDateCache } from './event-date.js';
import { extractReport } from './extract-facts.js';

/** Sentences chrono parses while `run` runs, starting from an empty cache. */
function chronoParsesIn(run: () => void): number {
  clearEventDateCache();
  const before = chronoParseCount();
  run();
  return chronoParseCount() - before;
}

describe('compiling the extraction patterns at start', () => {
  const vocabulary = testVocabulary();

  it('runs chrono on every sample twice, the second run not answered from the cache', () => {
    const oneRun = chronoParsesIn(() => {
      for (const s of PATTERN_SAMPLES) extractReport(s, vocabulary);
    });
    expect(oneRun).toBeGreaterThan(0);
    expect(chronoParsesIn(() => compileExtractionPatterns(vocabulary))).toBe(2 * oneRun);
  });

  it('moves each sample a day for its second run: the same report again is answered from the cache', () => {
    for (const s of PATTERN_SAMPLES) expect(Number.isFinite(Date.parse(s.published))).toBe(true);
    clearEventDateCache();
    for (const s of PATTERN_SAMPLES) extractReport(s, vocabulary);
    const before = chronoParseCount();
    for (const s of PATTERN_SAMPLES) extractReport(s, vocabulary);
    expect(chronoParseCount() - before).toBe(0);
  });
});
