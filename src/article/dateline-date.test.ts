import { describe, expect, it } from 'vitest';
import { datelineDate } from './dateline-date.js';

const now = new Date('2026-11-27T09:00:00Z');

describe('datelineDate', () => {
  it('reads the day of an agency or place dateline', () => {
    expect(datelineDate('ERBIL, Iraq, Nov 24 (Reuters) - Rockets struck the base.', now)).toBe(
      '2026-11-24T12:00:00.000Z',
    );
    expect(datelineDate('Baghdad, 25 November: Two drones hit the airport.', now)).toBe(
      '2026-11-25T12:00:00.000Z',
    );
  });

  it('never puts a dateline without a year after the fetch', () => {
    expect(datelineDate('BAGHDAD, Dec 30 (AP) — Rockets struck the base.', now)).toBe(
      '2025-12-30T12:00:00.000Z',
    );
  });

  it('gives nothing for a dateline without a day, or none at all', () => {
    expect(datelineDate('BAGHDAD (AP) — Rockets struck the base on Tuesday.', now)).toBeUndefined();
    expect(datelineDate('Rockets struck the base on Nov 24, officials said.', now)).toBeUndefined();
  });
});
