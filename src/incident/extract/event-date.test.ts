import { describe, expect, it } from 'vitest';
import { resolveEventDate } from './event-date.js';

// Published on Wednesday 2023-05-17.
const published = new Date('2023-05-17T14:00:00Z');

describe('resolveEventDate', () => {
  it('resolves a weekday to the most recent such day on or before publication', () => {
    expect(resolveEventDate(['The drones struck on Sunday night.'], published)).toEqual({
      date: '2023-05-14',
      precision: 'day',
    });
    expect(resolveEventDate(['The raid began early Wednesday.'], published).date).toBe(
      '2023-05-17',
    );
    expect(resolveEventDate(['Rockets hit late Thursday.'], published).date).toBe('2023-05-11');
  });

  it('resolves yesterday, last week and explicit dates', () => {
    expect(
      resolveEventDate(['Officials said the attack happened yesterday.'], published).date,
    ).toBe('2023-05-16');
    expect(resolveEventDate(['A convoy was hit last week.'], published).precision).toBe('week');
    expect(resolveEventDate(['The strike on May 9 killed two.'], published).date).toBe(
      '2023-05-09',
    );
  });

  it('skips the date of a statement for the date of the event', () => {
    expect(
      resolveEventDate(
        ['The command announced on Tuesday that a raid early Sunday killed two militants.'],
        published,
      ).date,
    ).toBe('2023-05-14');
  });

  it('ignores deadlines and, without a publish time, relative phrases', () => {
    expect(resolveEventDate(['Troops will leave by September 2026.'], published).date).toBeNull();
    expect(resolveEventDate(['The attack came on Monday.'], null).date).toBeNull();
    expect(resolveEventDate(['The attack came on March 3, 2022.'], null).date).toBe('2022-03-03');
  });

  it('never takes "now" for the event date', () => {
    expect(
      resolveEventDate(
        ["Thirty soldiers are now being checked for injuries after Saturday's strike on the camp."],
        published,
      ).date,
    ).toBe('2023-05-13');
  });

  it('refines "last week" with an explicit day inside that week, not with a statement date', () => {
    const lead = [
      "Nine troops were hurt in last week's rocket fire, officials said.",
      'The rockets landed on May 8, the command said Tuesday.',
    ];
    expect(resolveEventDate(lead, published)).toEqual({ date: '2023-05-08', precision: 'day' });
    const statementOnly = [
      "Nine troops were hurt in last week's rocket fire, the command said Tuesday.",
    ];
    expect(resolveEventDate(statementOnly, published).precision).toBe('week');
    const farDay = ['A drone hit the camp last week.', 'A first drone hit on April 20.'];
    expect(resolveEventDate(farDay, published).precision).toBe('week');
  });

  it('skips a date line or publication line for the date in the story', () => {
    expect(
      resolveEventDate(['May 17, 2023 — Drones struck the camp on Sunday night.'], published).date,
    ).toBe('2023-05-14');
    expect(
      resolveEventDate(
        ['Wednesday, May 17, 2023 Rockets hit the airfield early Monday, officials said.'],
        published,
      ).date,
    ).toBe('2023-05-15');
    expect(
      resolveEventDate(
        ['Posted May 17, 2023 at 9:30 am.', 'The convoy was hit on May 12.'],
        published,
      ).date,
    ).toBe('2023-05-12');
  });

  it('still reads a date that opens a sentence with a preposition', () => {
    expect(resolveEventDate(['On May 15, 2023, a drone hit the camp.'], published).date).toBe(
      '2023-05-15',
    );
    expect(resolveEventDate(['Early May 16, rockets hit the base.'], published).date).toBe(
      '2023-05-16',
    );
  });
});

describe('resolveEventDate, asked again', () => {
  it('gives a sentence read before the same answer, and another publish time its own', () => {
    const s = 'A drone struck the base on Tuesday, officials said.';
    const wed = new Date('2024-01-31T12:00:00Z');
    const nextWeek = new Date('2024-02-07T12:00:00Z');
    const first = resolveEventDate([s], wed);
    expect(first).toEqual({ date: '2024-01-30', precision: 'day' });
    expect(resolveEventDate([s], wed)).toEqual(first);
    expect(resolveEventDate([s], nextWeek)).toEqual({ date: '2024-02-06', precision: 'day' });
    expect(resolveEventDate([s], null)).toEqual({ date: null, precision: 'unknown' });
  });
});
