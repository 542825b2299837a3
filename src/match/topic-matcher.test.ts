import { describe, expect, it } from 'vitest';
import { gazetteerDataSchema } from '../gazetteer/gazetteer-data.js';
import { createGazetteer } from '../gazetteer/gazetteer.js';
import { lexiconSchema } from './lexicon.js';
import { delexicalise } from './model/item-features.js';
import { trainHeads, toModelData } from './model/train-model.js';
import { createTopicModel, formatTopicModel, topicModelSchema } from './model/topic-model.js';
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

describe('createTopicMatcher with a learned model', () => {
  const rules = createTopicMatcher([topic], gazetteer, { lexicon });
  const read = (title: string, summary = '') => rules.explainAll({ title, summary }).reading;
  // invented training items: attacks on US bases are on; Yemen and football are off
  const labelled: [string, string, boolean][] = [
    ['Drone attack on Ain al-Asad', 'Rockets hit the base hosting US troops.', true],
    ['Rockets fall on US base in Iraq', 'A drone attack targeted US troops.', true],
    ['US troops targeted by drone attack at Ain al-Asad', '', true],
    ['Drone attack in Yemen', 'Rockets fired in Yemen.', false],
    ['Football in Iraq', 'Football fans cheer in Iraq.', false],
    ['Yemen football league', 'Football in Yemen.', false],
  ];
  const examples = labelled.map(([title, summary, on]) => ({
    features: read(title, summary).features,
    on,
    topics: on ? ['attacks'] : [],
  }));
  const trained = trainHeads(examples, ['attacks'], {
    l2: 0.01,
    iterations: 200,
    learningRate: 0.1,
    minCount: 1,
    wordPenalty: 1,
  });
  const data = toModelData(
    trained,
    new Map([
      ['on', 0.5],
      ['attacks', 0.5],
    ]),
    { test: true },
  );
  const model = createTopicModel(topicModelSchema.parse(JSON.parse(formatTopicModel(data))));
  const learned = createTopicMatcher([topic], gazetteer, { lexicon, model });

  it('decides with the model and names its strongest evidence', () => {
    const on = learned.match({ title: 'Rockets target US troops at Ain al-Asad', summary: '' });
    expect(on.match).toBe(true);
    expect(on.topics.map((t) => t.topic)).toEqual(['attacks']);
    expect(on.why).toMatch(/→ attacks [01]\.\d\d \(on [01]\.\d\d\)$/);
    const off = learned.match({ title: 'Football match in Yemen', summary: '' });
    expect(off.match).toBe(false);
    expect(off.topics).toEqual([]);
    expect(off.why).toMatch(/^no match \(on 0\.\d\d < 0\.50\)/);
  });

  it('refuses a model whose weights do not fit its features', () => {
    const broken = { ...data, weights: [['cue:scope', 1, 2, 3]] };
    expect(topicModelSchema.safeParse(broken).success).toBe(false);
    expect(topicModelSchema.safeParse({ ...data, heads: {} }).success).toBe(false);
  });
});

describe('delexicalise', () => {
  const words = (text: string) => {
    const r = read(text);
    return delexicalise(r.text.tokens, r.evidence.mentions, r.evidence);
  };
  const rules = createTopicMatcher([topic], gazetteer, { lexicon });
  const read = (title: string) => rules.explainAll({ title, summary: '' }).reading;

  it('replaces actors and places by their kind, numbers and years by symbols', () => {
    expect(words("US forces killed 3 Kata'ib Hezbollah fighters in Iraq in 2024")).toEqual([
      '<us-forces>',
      'kill',
      '<num>',
      '<militia>',
      'fighter',
      '<country:in>',
      '<year>',
    ]);
    expect(words('Drone attack on Ain al-Asad')).toEqual(['drone', 'attack', '<base:in:us>']);
  });

  it('marks words a negator denies', () => {
    expect(words('Rockets hit Ain al-Asad, no US troops were killed')).toContain('not_kill');
    expect(words('Rockets hit Ain al-Asad, two US troops were killed')).toContain('kill');
  });
});
