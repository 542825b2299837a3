import { describe, expect, it } from 'vitest';
import { tokenize } from '../gazetteer/normalise.js';
import { backgroundHits, sameClause, sameSentence } from './clause.js';

const textOf = (text: string): { text: string; tokens: ReturnType<typeof tokenize> } => ({
  text,
  tokens: tokenize(text),
});
const at = (item: ReturnType<typeof textOf>, word: string): number =>
  item.tokens.findIndex((t) => t.norm === word);

describe('clause helpers', () => {
  it('does not end a sentence at the dots of "U.S."', () => {
    const item = textOf(
      'Rockets hit the base near U.S. troops, officials said. Later that day calm returned.',
    );
    expect(sameSentence(item, at(item, 'rockets'), at(item, 'troops'))).toBe(true);
    expect(sameSentence(item, at(item, 'rockets'), at(item, 'later'))).toBe(false);
  });

  it('ends a clause at a comma but not a sentence', () => {
    const item = textOf('In response to the attacks, jets struck depots.');
    expect(sameClause(item, at(item, 'attacks'), at(item, 'struck'))).toBe(false);
    expect(sameSentence(item, at(item, 'attacks'), at(item, 'struck'))).toBe(true);
  });

  it('reads hits after a background marker as background, up to the clause end when asked', () => {
    const item = textOf('In response to the attacks, jets struck depots.');
    const hits = [
      { value: 'background', from: 0, to: 3 },
      { value: 'attack', from: at(item, 'attacks'), to: at(item, 'attacks') + 1 },
      { value: 'strike', from: at(item, 'struck'), to: at(item, 'struck') + 1 },
    ];
    const sentence = backgroundHits(item, hits, false);
    const clause = backgroundHits(item, hits, true);
    expect([...sentence].map((h) => h.value)).toEqual(['attack', 'strike']);
    expect([...clause].map((h) => h.value)).toEqual(['attack']);
  });
});
