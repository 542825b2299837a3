import { describe, expect, it } from 'vitest';
import { testVocabulary } from '../../../test/support/test-vocabulary.js';
import { findTroopFigure as findIn } from './troops.js';

const findTroopFigure = (sentences: string[]) => findIn(sentences, testVocabulary());

describe('findTroopFigure', () => {
  it('finds presence figures in their usual phrasings', () => {
    expect(findTroopFigure(['About 3,400 US troops remain in the country.'])).toBe(3400);
    expect(findTroopFigure(['The base hosts approximately 900 American troops.'])).toBe(900);
    expect(findTroopFigure(['US forces — roughly 1,100 strong — advise local units.'])).toBe(1100);
    expect(findTroopFigure(['Some 40 troops are stationed at the outpost.'])).toBe(40);
  });

  it('never takes casualty figures as a troop figure', () => {
    expect(findTroopFigure(['Three US troops were killed and 34 troops injured.'])).toBeNull();
    expect(findTroopFigure(['Nine soldiers wounded in the attack.'])).toBeNull();
  });

  it('does not take a medical count for a troop figure', () => {
    expect(
      findTroopFigure(['Some 130 service members were diagnosed with concussions.']),
    ).toBeNull();
    expect(findTroopFigure(['About 60 troops are now being evaluated for injuries.'])).toBeNull();
  });
});
