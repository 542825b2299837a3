import { describe, expect, it } from 'vitest';
import { figures, properNames } from './salient-terms.js';

describe('properNames', () => {
  const known = new Set(['syria', 'isis']);

  it('keeps capitalised words inside a sentence, not its first word or gazetteer words', () => {
    const names = properNames(
      ['Officials said commander Abu Hamza was killed near Tadmur in Syria by ISIS fighters.'],
      known,
    );
    expect([...names].sort()).toEqual(['abu', 'hamza', 'tadmur']);
  });

  it('skips headlines written in Title Case, where every word is capitalised', () => {
    expect(properNames(['Drone Strike Kills Militia Commander Near Border'], known).size).toBe(0);
  });
});

describe('figures', () => {
  it('keeps counts, not years, days of a month or clock times', () => {
    const found = figures([
      'Jets hit 75 targets and about 2,000 troops stayed, four were hurt on Aug. 29, 2024 at 10:30.',
    ]);
    expect([...found].sort((a, b) => a - b)).toEqual([4, 75, 2000]);
  });
});
