import { describe, expect, it } from 'vitest';
import { extractReport } from '../incident/extract/extract-facts.js';
import { isFurniture } from '../incident/extract/page-furniture.js';
import { testVocabulary } from '../../test/support/test-vocabulary.js';
import { SUMMARY_MAX, summarise } from './summarise.js';

const gaz = testVocabulary();

function summaryOf(title: string, body: string, outlets = 1): string {
  const r = extractReport({ title, summary: body, published: '2023-06-08' }, gaz);
  return summarise({ facts: r.facts, sentences: r.sentences, outlets });
}

const FURNITURE = [
  'Skip to main content',
  'Your support helps us tell the story. Please consider a donation today.',
  'Subscribe to Example Premium to bookmark this article',
  'Already a subscriber? Log in to read on.',
  'No media source currently available',
  '0:00 0:01:45 0:00',
  'Sign up for our newsletter',
  'Read more',
  'We use cookies to personalise content.',
  'Photo credit: Example Agency',
  'By Jordan Miles',
];

describe('summarise', () => {
  it('gives the fact line and the sentence with the most facts', () => {
    const s = summaryOf(
      'Drone attack wounds four US troops at Ain al-Asad',
      'Officials gave few details. Four US troops were wounded when a drone hit Ain al-Asad air base in Anbar on Tuesday, officials said.',
      2,
    );
    const [line, lead] = s.split('\n');
    expect(line).toBe(
      'Air/drone strike, Ain al-Asad (Anbar, Iraq), 6 Jun: 4 US injured — US forces — 2 outlets',
    );
    expect(lead).toMatch(/^Four US troops were wounded/);
  });

  it('never quotes page furniture, wherever it sits', () => {
    const body = [
      ...FURNITURE.slice(0, 6),
      'Rockets struck near Erbil airport on Monday night, wounding two US contractors, the coalition said.',
      ...FURNITURE.slice(6),
    ].join('\n');
    const s = summaryOf('Rocket attack near Erbil airport', body);
    for (const f of FURNITURE) expect(s).not.toContain(f.slice(0, 20));
    for (const part of s.split('\n')) expect(isFurniture(part)).toBe(false);
    expect(s).toContain('Rockets struck near Erbil airport');
  });

  it('never leads with a teaser cut off mid-sentence', () => {
    const r = extractReport(
      {
        title: 'Drone attack wounds four US troops at Ain al-Asad',
        summary:
          'Four US troops were wounded when a drone hit Ain al-Asad air base in Anbar on Tuesday in an attack that…\nA drone struck Ain al-Asad air base in Anbar on Tuesday, wounding four US troops, officials said.',
        published: '2023-06-08',
      },
      gaz,
    );
    const lead = summarise({ facts: r.facts, sentences: r.sentences, outlets: 1 }).split('\n')[1];
    expect(lead).toMatch(/^A drone struck Ain al-Asad/);
  });

  it('falls back to the fact line alone when the body is all furniture', () => {
    const s = summaryOf('Rocket attack near Erbil airport', FURNITURE.join('\n'));
    expect(s.split('\n')).toHaveLength(1);
  });

  it('stays within the length bound', () => {
    const long = `Two US soldiers were killed ${'and the attack was described at great length by officials '.repeat(12)}.`;
    const s = summaryOf('Two US soldiers killed in Erbil', long, 5);
    expect(s.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(s).toMatch(/…$/);
  });
});
