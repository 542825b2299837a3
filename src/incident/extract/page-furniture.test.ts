import { describe, expect, it } from 'vitest';
import { dropFurniture, isFurniture } from './page-furniture.js';

describe('isFurniture', () => {
  it.each([
    'Skip to content',
    'Read more',
    'Sign up for our morning briefing',
    'Already a subscriber? Log in to continue reading.',
    'Your donation keeps our newsroom independent.',
    'We rely on readers like you to fund our reporting.',
    'This site uses cookies to improve your experience.',
    'No media source currently available',
    '0:00 0:02:15 0:00',
    'Photo credit: Jane Roe',
    'Soldiers pictured at a checkpoint. (file)',
    'Join our commenting forum',
    'By Alex Smith and Sam Lee',
  ])('flags %s', (line) => {
    expect(isFurniture(line)).toBe(true);
  });

  it.each([
    'Two US soldiers were wounded in a rocket attack on the base on Monday.',
    '"We will respond at a time of our choosing," the spokesman said.',
    'The US embassy said it had no information about the strike.',
  ])('keeps story text: %s', (line) => {
    expect(isFurniture(line)).toBe(false);
  });

  it('drops an appeal block whose middle sentence names no donation', () => {
    const out = dropFurniture([
      'Your support keeps us going.',
      'The Daily Ledger has covered wars on four continents.',
      'We need your help to keep doing it.',
      'A drone struck the airfield overnight.',
    ]);
    expect(out).toEqual(['A drone struck the airfield overnight.']);
  });
});
