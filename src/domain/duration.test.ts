import { describe, expect, it } from 'vitest';
import { humanDuration, parseDuration, shortDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads every unit in its usual spellings', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('30 min')).toBe(1_800_000);
    expect(parseDuration('4h')).toBe(14_400_000);
    expect(parseDuration('2 hours')).toBe(7_200_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('1 week')).toBe(604_800_000);
  });

  it('reads a bare number only when told its unit (config: seconds)', () => {
    expect(parseDuration('30')).toBeUndefined();
    expect(parseDuration(30)).toBeUndefined();
    expect(parseDuration('30', { bare: 's' })).toBe(30_000);
    expect(parseDuration(30, { bare: 's' })).toBe(30_000);
  });

  it('rejects what is not a duration', () => {
    for (const bad of ['soon', '', '-5m', '5 parsecs', '5m later', 'h'])
      expect(parseDuration(bad, { bare: 's' })).toBeUndefined();
    expect(parseDuration(-1, { bare: 's' })).toBeUndefined();
  });
});

describe('humanDuration', () => {
  it('names the largest whole unit', () => {
    expect(humanDuration(604_800_000)).toBe('1 week');
    expect(humanDuration(7_200_000)).toBe('2 hours');
    expect(humanDuration(5_400_000)).toBe('90 minutes');
  });
});

describe('shortDuration', () => {
  it('gives seconds under a minute, then the feeds table units', () => {
    expect(shortDuration(4_000)).toBe('4s');
    expect(shortDuration(59_400)).toBe('59s');
    expect(shortDuration(240_000)).toBe('4m');
    expect(shortDuration(125 * 60_000)).toBe('2h 5m');
    expect(shortDuration(3 * 86_400_000)).toBe('3d');
  });
});
