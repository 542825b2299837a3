import { describe, expect, it } from 'vitest';
import { isFollowUp } from './follow-up.js';

describe('isFollowUp', () => {
  it('reads revisions of an earlier account as follow-ups', () => {
    expect(isFollowUp(['Number of soldiers hurt in base attack climbs to 31'])).toBe(true);
    expect(isFollowUp(['Casualty toll from Sunday rocket fire rises'])).toBe(true);
    expect(isFollowUp(['Nine more troops were later diagnosed with concussions.'])).toBe(true);
    expect(
      isFollowUp(['Six troops were hurt, despite initial reports of no injuries, officials said.']),
    ).toBe(true);
    expect(isFollowUp(['The count now stands at 44, up from 19 on Friday.'])).toBe(true);
  });

  it('does not take a first report or a new attack for a follow-up', () => {
    expect(isFollowUp(['Rockets strike air base in western Iraq; two troops hurt'])).toBe(false);
    expect(
      isFollowUp(['Another drone attack hits the base as the number of injured rises to 12']),
    ).toBe(false);
  });
});
