import { describe, expect, it } from 'vitest';
import { foregroundClause, isBackgroundSentence, splitBackgroundClause } from './background.js';

describe('isBackgroundSentence', () => {
  it('marks sentences about older events', () => {
    expect(isBackgroundSentence('In March, a drone hit the same airfield.')).toBe(true);
    expect(isBackgroundSentence('Last month two contractors were hurt at the base.')).toBe(true);
  });

  it('keeps a revised figure in the foreground despite the date of its earlier value', () => {
    expect(
      isBackgroundSentence(
        'Troops treated for concussions now number 71, up from 40 late last month, officials said.',
      ),
    ).toBe(false);
    expect(
      isBackgroundSentence('The toll fell to 12, down from an initial 15 reported last month.'),
    ).toBe(false);
  });
});

describe('foregroundClause', () => {
  it('cuts a clause that points at an earlier event', () => {
    expect(foregroundClause('Jets hit two depots, in retaliation for a drone attack')).toBe(
      'Jets hit two depots,',
    );
  });

  it('keeps the rest of a sentence that opens with a background clause', () => {
    expect(
      splitBackgroundClause('Following an attack on the embassy, jets hit two depots near Qaim'),
    ).toEqual({
      foreground: 'jets hit two depots near Qaim',
      aside: 'Following an attack on the embassy',
    });
  });

  it('keeps a clause that may tell the event’s own cause as an aside, never a retaliation', () => {
    expect(splitBackgroundClause('Two soldiers died following a blast in Manbij').aside).toBe(
      'following a blast in Manbij',
    );
    expect(
      splitBackgroundClause('Jets hit two depots in retaliation for a blast in Manbij').aside,
    ).toBe('');
  });
});
