import { describe, expect, it } from 'vitest';
import { gazetteerDataSchema } from '../gazetteer/gazetteer-data.js';
import { createGazetteer } from '../gazetteer/gazetteer.js';
import { lexiconSchema } from './lexicon.js';
import { createTopicMatcher } from './topic-matcher.js';
import { topicProfileSchema } from './topic-profile.js';

const gazetteer = createGazetteer(
  gazetteerDataSchema.parse({
    actors: [
      {
        id: 'us',
        name: 'US forces',
        side: 'us',
        kind: 'us-forces',
        compose: { modifiers: ['US'], heads: ['troops', 'forces', 'base'] },
      },
      {
        id: 'kh',
        name: "Kata'ib Hezbollah",
        side: 'militia',
        kind: 'militia',
        theatre: 'iraq-syria',
        aliases: ['Kataib Hezbollah'],
      },
    ],
    places: [
      {
        id: 'asad',
        name: 'Ain al-Asad',
        type: 'base',
        country: 'Iraq',
        admin1: 'Anbar',
        theatre: 'iraq-syria',
        hostsUs: true,
      },
      { id: 'iraq', name: 'Iraq', type: 'country', country: 'Iraq', theatre: 'iraq-syria' },
      { id: 'yemen', name: 'Yemen', type: 'country', country: 'Yemen', theatre: 'yemen' },
    ],
  }),
);
const lexicon = lexiconSchema.parse({
  events: {
    attack: ['drone attack', 'rockets'],
    strike: ['strike'],
    casualty: ['killed'],
    personnel: ['troops'],
    enemy: ['militants'],
  },
  negatives: { sport: { weight: 4, terms: ['football'] } },
});
const topic = topicProfileSchema.parse({
  id: 'attacks',
  title: 'Attacks on US forces',
  rule: {
    bias: -4,
    weights: { usTarget: 3, attack: 1, scope: 1.5 },
    require: [['usTarget'], ['scope']],
  },
});
const matcher = createTopicMatcher([topic], gazetteer, { lexicon, threshold: 0.5 });

describe('createTopicMatcher', () => {
  it('matches an attack on a base hosting US forces, and says why', () => {
    const r = matcher.match({ title: 'Drone attack on Ain al-Asad', summary: '' });
    expect(r.match).toBe(true);
    expect(r.topics.map((t) => t.topic)).toEqual(['attacks']);
    expect(r.why).toContain('Ain al-Asad (base, Anbar, Iraq)');
    expect(r.why).toMatch(/drone attack → attacks 0\.\d\d$/);
  });

  it('caps a topic whose required evidence is missing, and names what is missing', () => {
    const r = matcher.match({ title: 'Drone attack on US troops in Yemen', summary: '' });
    expect(r.match).toBe(false);
    expect(r.score).toBeLessThanOrEqual(0.2);
    expect(r.why).toMatch(/missing: .*in-scope place/);
    expect(r.why).toMatch(/other theatre: Yemen \(yemen\)/);
  });

  it('lets negative context outweigh the rest', () => {
    const r = matcher.match({
      title: 'Football: rockets fans cheer at US base in Iraq',
      summary: 'football',
    });
    expect(r.match).toBe(false);
    expect(r.why).toMatch(/against: sport \(football\)/);
  });

  it('reads only the lead of long content', () => {
    const filler = 'Talks on water continued. '.repeat(200);
    const late = matcher.match({
      title: 'Iraq news',
      summary: '',
      content: `${filler} Drone attack on Ain al-Asad.`,
    });
    const early = matcher.match({
      title: 'Iraq news',
      summary: '',
      content: `Drone attack on Ain al-Asad. ${filler}`,
    });
    expect(late.match).toBe(false);
    expect(early.match).toBe(true);
  });

  it('does not read Kataib Hezbollah as a target of its own attack', () => {
    const r = matcher.match({ title: "Kata'ib Hezbollah rockets fall in Baghdad", summary: '' });
    expect(r.match).toBe(false);
  });
});
