import { describe, expect, it } from 'vitest';
import { isTeaser } from './teaser.js';

const LEAD =
  'Four US service members were injured when three rockets struck Ain al-Asad air base in Anbar province on Tuesday, officials said.';

describe('isTeaser', () => {
  it('calls empty, cut-off and one-line descriptions teasers', () => {
    expect(isTeaser('')).toBe(true);
    expect(isTeaser('   ')).toBe(true);
    expect(isTeaser('Read the full story on our site.')).toBe(true);
    expect(isTeaser('More details soon.')).toBe(true);
    expect(
      isTeaser(
        'Rockets struck a base in western Iraq overnight in the latest of a series of attacks on…',
      ),
    ).toBe(true);
    expect(
      isTeaser(
        'Rockets struck a base in western Iraq overnight, the latest of a series of attacks. Read more',
      ),
    ).toBe(true);
  });

  it('keeps a full lead, and calls one without the article’s figures a teaser', () => {
    expect(isTeaser(LEAD)).toBe(false);
    expect(isTeaser(LEAD, LEAD)).toBe(false);
    const vague =
      'Rockets struck a base in western Iraq overnight, the latest in a long series of attacks on the forces there, officials said.';
    expect(isTeaser(vague)).toBe(false);
    expect(isTeaser(vague, LEAD)).toBe(true);
    expect(
      isTeaser(vague, 'Rockets hit the base again, officials said in a short statement.'),
    ).toBe(false);
  });
});
