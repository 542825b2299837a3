import { describe, expect, it } from 'vitest';
import { gazetteerDataSchema } from '../gazetteer/gazetteer-data.js';
import { createGazetteer } from '../gazetteer/gazetteer.js';
import { deriveProfile } from './profile-builder.js';

const gazetteer = createGazetteer(
  gazetteerDataSchema.parse({
    actors: [{ id: 'kh', name: "Kata'ib Hezbollah", side: 'militia' }],
    places: [{ id: 'taji', name: 'Taji', type: 'base', country: 'Iraq' }],
  }),
);
const background = {
  frequency: new Map([
    ['the', 50000],
    ['said', 20000],
    ['on', 20000],
    ['a', 50000],
    ['officials', 1000],
  ]),
  fallback: 3,
};
const examples = [
  "Rockets struck Taji on Monday, officials said. The rockets were fired by Kata'ib Hezbollah. Rockets again.",
  "A rocket salvo struck Taji, officials said; Kata'ib Hezbollah rockets hit the base.",
];

describe('deriveProfile', () => {
  const p = deriveProfile(examples, gazetteer, background);

  it('weights topic words above common news words', () => {
    const terms = p.terms.map((t) => t.term);
    expect(terms).toContain('rockets');
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('said');
  });

  it('leaves names to the gazetteer', () => {
    expect(p.terms.map((t) => t.term).join(' ')).not.toMatch(/hezbollah|taji/);
  });

  it('requires a term to recur across examples', () => {
    expect(p.terms.map((t) => t.term)).not.toContain('again');
  });
});
