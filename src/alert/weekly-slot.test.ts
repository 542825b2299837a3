import { describe, expect, it } from 'vitest';
import { weeklySlot } from './weekly-slot.js';

const monday8 = { day: 'monday', time: '08:00', timeZone: 'UTC' } as const;

describe('weeklySlot', () => {
  it('names the week by the local date of its Monday 08:00', () => {
    // 2026-12-07 is a Monday.
    expect(weeklySlot(new Date('2026-12-07T08:00:00Z'), monday8)).toEqual({
      key: '2026-12-07',
      minutesSince: 0,
    });
    expect(weeklySlot(new Date('2026-12-09T10:30:00Z'), monday8)).toEqual({
      key: '2026-12-07',
      minutesSince: 2 * 1440 + 150,
    });
  });

  it('before the slot on Monday, the slot is the previous week', () => {
    expect(weeklySlot(new Date('2026-12-07T07:59:00Z'), monday8).key).toBe('2026-11-30');
  });

  it('reads day and time in the configured zone', () => {
    const baghdad = { day: 'monday', time: '08:00', timeZone: 'Asia/Baghdad' } as const; // UTC+3
    expect(weeklySlot(new Date('2026-12-07T05:00:00Z'), baghdad)).toEqual({
      key: '2026-12-07',
      minutesSince: 0,
    });
    expect(weeklySlot(new Date('2026-12-07T04:59:00Z'), baghdad).key).toBe('2026-11-30');
    // Sunday 23:30 UTC is already Monday 02:30 in Baghdad, still before the slot.
    expect(weeklySlot(new Date('2026-12-06T23:30:00Z'), baghdad).key).toBe('2026-11-30');
  });
});
