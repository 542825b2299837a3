/**
 * Compiles the extractor's regular expressions when a worker starts rather than during its first
 * alerts. V8 compiles an expression the first time it runs it and again, to machine code, on a
 * later run, separately for one-byte (ASCII, Latin-1) and two-byte text (curly quotes, dashes);
 * chrono's date parsers and the patterns built from the lexicon are large. In a new process the
 * first two reports took 72 and 127 ms to extract and 100 reports ~230 ms, against ~35 ms
 * once compiled, so the first burst of alerts after a start or a deploy waited for compiling.
 */
import { extractReport, type ReportInput } from './extract-facts.js';
import type { ExtractionVocabulary } from './vocabulary.js';

/**
 * Invented reports, one in plain ASCII and one with typographic quotes and dashes, between them
 * with a raid and a rocket attack, calendar dates, weekdays and "this week", deaths and injuries.
 */
export const PATTERN_SAMPLES: readonly (ReportInput & { readonly published: string })[] = [
  {
    title: 'US forces kill three ISIS fighters in raid near al-Hol, Syria',
    summary:
      'US and Syrian Democratic Forces troops killed three Islamic State fighters and detained a ' +
      'senior leader in a raid in Hasakah province on Thursday, Jan. 9, US Central Command said ' +
      'on Friday. Two SDF fighters were wounded.',
    published: '2025-01-10T09:00:00.000Z',
  },
  {
    title: 'Rockets hit near US embassy in Baghdad — “no casualties,” officials say',
    summary:
      'Three Katyusha rockets landed near the US embassy in Baghdad’s Green Zone late on Sunday, ' +
      'August 3 — the second attack this week — an Iraqi security official said. “There were no ' +
      'American casualties,” a US official said; two Iraqi guards were wounded, police said.',
    published: '2025-08-04T07:30:00.000Z',
  },
];

/** A day later: the event-date reader caches chrono's answers by sentence and publish time. */
const dayLater = (published: string): string =>
  new Date(Date.parse(published) + 86_400_000).toISOString();

/**
 * Extracts each sample twice, the second time with another publish time so that chrono parses
 * again instead of answering from the cache (~250 ms, once, at start).
 */
export function compileExtractionPatterns(vocabulary: ExtractionVocabulary): void {
  for (const sample of PATTERN_SAMPLES) {
    extractReport(sample, vocabulary);
    extractReport({ ...sample, published: dayLater(sample.published) }, vocabulary);
  }
}
