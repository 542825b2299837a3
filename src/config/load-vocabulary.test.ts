import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compileExtractionPatterns,
  PATTERN_SAMPLES,
} from '../incident/extract/compile-patterns.js';
import { extractReport } from '../incident/extract/extract-facts.js';
import { PACKAGE_ROOT } from './load-config.js';
import { loadExtractionLexicon, loadVocabulary } from './load-vocabulary.js';
import { configSchema } from './schema.js';

const root = (p: string): string => path.join(PACKAGE_ROOT, p);

describe('the extraction vocabulary', () => {
  const vocabulary = loadVocabulary(
    configSchema.parse({
      match: { gazetteer: root('config/gazetteer.yml'), lexicon: root('config/lexicon.yml') },
    }),
  );

  it('gives an extracted location the coordinates of its gazetteer place', () => {
    const { facts } = extractReport(
      { title: 'Drone attack on Ain al-Asad air base', summary: 'A drone struck the base.' },
      vocabulary,
    );
    expect(facts.location).toMatchObject({ id: 'ain-al-asad', lat: 33.786, lon: 42.441 });
  });

  it('gives each start-up pattern sample a date, a place and casualties, so compiling them runs those patterns', () => {
    // compileExtractionPatterns pays off only if its samples reach the date, place, actor and
    // casualty patterns, in one-byte and in two-byte text.
    const [raid, rockets] = PATTERN_SAMPLES.map((s) => extractReport(s, vocabulary).facts);
    expect(raid?.eventDate).toBe('2025-01-09');
    expect(raid?.location).toMatchObject({ id: 'al-hol' });
    expect(raid?.actors.map((a) => a.id)).toEqual(expect.arrayContaining(['us-forces', 'isis']));
    expect(raid?.casualties).toContainEqual(
      expect.objectContaining({ side: 'isis', killed: { min: 3, max: 3 } }),
    );
    expect(rockets?.eventDate).toBe('2025-08-03');
    expect(rockets?.location).toMatchObject({ id: 'green-zone' });
    expect(rockets?.casualties).toContainEqual(
      expect.objectContaining({ injured: { min: 2, max: 2 } }),
    );
    // Two-byte text: V8 compiles each expression apart for it.
    expect(PATTERN_SAMPLES.some((s) => [...s.summary].some((c) => c.charCodeAt(0) > 0xff))).toBe(
      true,
    );
    expect(() => compileExtractionPatterns(vocabulary)).not.toThrow();
  });

  it('reads victim sides from gazetteer actors and demonyms', () => {
    expect(vocabulary.sideNamed('two American soldiers')).toBe('us');
    expect(vocabulary.sideNamed('a senior Kata’ib Hezbollah commander')).toBe('militia');
    expect(vocabulary.sideNamed('three Iran-backed fighters')).toBe('militia');
    expect(vocabulary.sideNamed('a British service member')).toBe('coalition');
    expect(vocabulary.sideNamed('several soldiers')).toBeNull();
  });

  it('reads victim nouns and their class from the lexicon', () => {
    expect(vocabulary.victims.classOf('service members')).toBe('military');
    expect(vocabulary.victims.classOf('servicemembers')).toBe('military');
    expect(vocabulary.victims.classOf('civilians')).toBe('civilian');
    expect(vocabulary.victims.classOf('rockets')).toBeUndefined();
  });

  it('takes the theatre from config', () => {
    expect(vocabulary.theatre).toBe('iraq-syria');
    expect(() => configSchema.parse({ theatre: 'iraq-sryia' })).toThrow(/theatre/);
  });

  it('rejects a misspelt victim class or event sub-type with its path', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-lex-'));
    const file = path.join(dir, 'lexicon.yml');
    writeFileSync(
      file,
      'victims:\n  millitary: { many: [troops] }\n' +
        'eventTypes:\n  - { type: Battles, subType: Armed clsh, cues: [raid] }\n',
    );
    expect(() => loadExtractionLexicon(file)).toThrow(/lexicon\.yml[\s\S]*victims/);
    expect(() => loadExtractionLexicon(file)).toThrow(/eventTypes\.0\.subType/);
  });
});
