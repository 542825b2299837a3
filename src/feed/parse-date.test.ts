import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './parse-date.js';

const iso = (s: string): string | undefined => parseFeedDate(s)?.toISOString();

describe('parseFeedDate', () => {
  it('reads RFC 822 with offsets, US and other zone names', () => {
    expect(iso('Tue, 05 Mar 2024 14:30:00 +0300')).toBe('2024-03-05T11:30:00.000Z');
    expect(iso('Tue, 05 Mar 2024 14:30:00 EST')).toBe('2024-03-05T19:30:00.000Z');
    expect(iso('Tue, 05 Mar 2024 14:30:00 CET')).toBe('2024-03-05T13:30:00.000Z');
    expect(iso('Fri, 05 Mar 2024 14:30 GMT')).toBe('2024-03-05T14:30:00.000Z');
  });

  it('reads ISO 8601 and sloppy variants as UTC when no zone is given', () => {
    expect(iso('2024-03-05T14:30:00+03:00')).toBe('2024-03-05T11:30:00.000Z');
    expect(iso('2024-03-05 14:30:00')).toBe('2024-03-05T14:30:00.000Z');
    expect(iso('2024-03-05 14:30:00 +0300')).toBe('2024-03-05T11:30:00.000Z');
    expect(iso('2024-03-05')).toBe('2024-03-05T00:00:00.000Z');
    expect(iso('5 March 2024 14:30')).toBe('2024-03-05T14:30:00.000Z');
  });

  it('reads the strict RFC 822 and ISO forms directly as the tidied path reads them', () => {
    // a wrong weekday carries nothing, in either path
    expect(iso('Mon, 05 Mar 2024 14:30:00 GMT')).toBe('2024-03-05T14:30:00.000Z');
    expect(iso('Tue, 05 Mar 2024 14:30:00 -0500')).toBe('2024-03-05T19:30:00.000Z');
    expect(iso('2024-03-05T14:30:00.250Z')).toBe('2024-03-05T14:30:00.250Z');
    // strict in form but not a time Date.parse reads: the tidied path decides (chrono: the day)
    expect(iso('Tue, 05 Mar 2024 25:61:00 GMT')).toBe('2024-03-05T12:00:00.000Z');
    // outside 1970-2199 on either path
    expect(iso('Thu, 01 Jan 1903 00:00:00 GMT')).toBeUndefined();
  });

  it('reads a strict form as the tidied path reads the same text padded (which misses it)', () => {
    for (const s of [
      'Mon, 05 Mar 2024 14:30:00 GMT',
      'Sat, 29 Feb 2020 23:59:59 +1400',
      'Sun, 31 Dec 2199 23:59:59 -1200',
      'Thu, 31 Feb 2022 10:00:00 GMT',
      'Wed, 01 Jan 1969 00:00:00 GMT',
      'Fri, 05 Mar 2024 24:00:00 +0000',
      '2024-03-05T14:30:00Z',
      '2024-03-05T14:30:00.5+05:30',
      '2024-12-31T23:59:60Z',
    ])
      expect(iso(s), s).toBe(iso(` ${s}`));
  });

  it('gives undefined for text that is not a date', () => {
    expect(iso('not a date at all')).toBeUndefined();
    expect(iso('')).toBeUndefined();
    expect(iso('version 12')).toBeUndefined();
  });
});
