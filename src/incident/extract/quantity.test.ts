import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it('reads digits, thousands separators and number words', () => {
    expect(parseQuantity('4')).toEqual({ min: 4, max: 4 });
    expect(parseQuantity('1,250')).toEqual({ min: 1250, max: 1250 });
    expect(parseQuantity('eleven')).toEqual({ min: 11, max: 11 });
    expect(parseQuantity('thirty-two')).toEqual({ min: 32, max: 32 });
    expect(parseQuantity('a dozen')).toEqual({ min: 12, max: 12 });
    expect(parseQuantity('two dozen')).toEqual({ min: 24, max: 24 });
  });

  it('keeps "at least" as a minimum and "up to"/"as many as" as a maximum', () => {
    expect(parseQuantity('at least 9')).toEqual({ min: 9, max: null });
    expect(parseQuantity('more than 30')).toEqual({ min: 30, max: null });
    expect(parseQuantity('up to six')).toEqual({ min: null, max: 6 });
    expect(parseQuantity('as many as 40')).toEqual({ min: null, max: 40 });
  });

  it('reads ranges and conservative vague plurals', () => {
    expect(parseQuantity('3 to 5')).toEqual({ min: 3, max: 5 });
    expect(parseQuantity('dozens')).toEqual({ min: 12, max: null });
    expect(parseQuantity('tens')).toEqual({ min: 10, max: null });
    expect(parseQuantity('several')).toEqual({ min: 2, max: null });
  });

  it('does not read letters inside words as numbers', () => {
    expect(parseQuantity('atlas')).toBeNull();
  });
});
