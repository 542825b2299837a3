import { describe, expect, it } from 'vitest';
import { findCasualtyMentions } from './casualty-mentions.js';
import { testVocabulary } from '../../../test/support/test-vocabulary.js';

const brief = (s: string, isis = true) =>
  findCasualtyMentions(s, isis, testVocabulary()).map(
    (m) => `${m.side} ${m.kind} ${m.range.min}-${m.range.max}`,
  );

describe('findCasualtyMentions', () => {
  it('reads "NUM MOD VICTIM were killed" and "killed NUM VICTIM"', () => {
    expect(brief('Four US service members were killed near the border on Friday.')).toEqual([
      'us killed 4-4',
    ]);
    expect(brief('The strike killed 9 ISIS fighters in a desert hideout.')).toEqual([
      'isis killed 9-9',
    ]);
  });

  it('separates killed from injured and reads "left NUM dead/injured"', () => {
    expect(
      brief('A mortar attack left three coalition soldiers dead and 11 others wounded.'),
    ).toEqual(['coalition killed 3-3', 'unknown injured 11-11']);
    expect(brief('Two American troops killed, 14 injured in a militia drone strike')).toEqual([
      'us killed 2-2',
      'us injured 14-14',
    ]);
  });

  it('gives each side its own figure in coordinated lists', () => {
    expect(brief('Three Americans and a Briton were killed at the camp.')).toEqual([
      'us killed 3-3',
      'coalition killed 1-1',
    ]);
  });

  it('takes the side from the victim noun and its modifier', () => {
    expect(brief('A US contractor was killed.')).toEqual(['us killed 1-1']);
    expect(brief('The raid killed five militia members.')).toEqual(['militia killed 5-5']);
    expect(brief('Six civilians were wounded by shrapnel.')).toEqual(['civilian injured 6-6']);
    expect(brief('The strikes killed at least 20 fighters.', false)).toEqual([
      'militia killed 20-null',
    ]);
  });

  it('reads vague quantities conservatively', () => {
    expect(brief('Dozens of Iraqi soldiers were wounded.')).toEqual(['partner injured 12-null']);
    expect(brief('Several US personnel were injured.')).toEqual(['us injured 2-null']);
    expect(brief('The death toll rose to 17.')).toEqual(['unknown killed 17-17']);
  });

  it('never counts numbers that are not victims', () => {
    expect(brief('Eighteen rockets hit the base but caused no casualties.')).toEqual([]);
    expect(brief('They were killed two weeks after the vote.')).toEqual([]);
  });

  it('reads medical counts of later follow-ups as injured', () => {
    expect(brief('Sixty-two US troops were diagnosed with traumatic brain injuries.')).toEqual([
      'us injured 62-62',
    ]);
    expect(brief('Eight American soldiers were treated for concussion symptoms.')).toEqual([
      'us injured 8-8',
    ]);
    expect(brief('More than 30 troops are being evaluated for possible injuries.')).toEqual([
      'unknown injured 30-null',
    ]);
  });

  it('counts a named or singular victim without a figure as one, on its side', () => {
    expect(
      brief("A US drone strike killed Kata'ib Hezbollah commander Abu Hamza al-Shimmari."),
    ).toEqual(['militia killed 1-1']);
    expect(brief('Militia commander Abu Hamza al-Shimmari was killed late on Monday.')).toEqual([
      'militia killed 1-1',
    ]);
    expect(brief('Coalition raid kills ISIS leader in Deir ez-Zor countryside')).toEqual([
      'isis killed 1-1',
    ]);
    expect(brief('The operation ended with the killing of ISIS emir Abu Omar al-Halabi.')).toEqual([
      'isis killed 1-1',
    ]);
    expect(
      brief('The strike killed Abu Hamza al-Shimmari, a senior Kata’ib Hezbollah commander.'),
    ).toEqual(['militia killed 1-1']);
  });

  it('keeps the figure when a qualifier stands between victims and verb', () => {
    expect(brief('Twelve people, including civilians, were killed in the blast.')).toEqual([
      'unknown killed 12-12',
    ]);
    expect(brief('At least 9 people (most of them militia fighters) were wounded.')).toEqual([
      'unknown injured 9-null',
    ]);
    expect(brief('Eleven people, among them two US soldiers, were killed.')).toEqual([
      'unknown killed 11-11',
      'us killed 2-2',
    ]);
  });

  it('never counts a negated figure', () => {
    expect(brief('A US official said no one was hurt in the attack.')).toEqual([]);
  });
});
