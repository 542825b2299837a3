import { describe, expect, it } from 'vitest';
import type { TopicMatch } from '../domain/topic-match.js';
import { EMPTY_CLUSTER_STATE, type ClusterState } from './cluster/cluster-state.js';
import { processReport, type ClusterItem, type ProcessResult } from './process-report.js';
import { testVocabulary } from '../../test/support/test-vocabulary.js';

// Follow-ups (revised figures, later dates) and places named at different levels. All reports
// are invented for these tests.
const deps = { vocabulary: testVocabulary() };
const match: TopicMatch = {
  match: true,
  score: 0.8,
  topics: [{ topic: 'T1', score: 0.8 }],
  why: 'test',
};

function run(items: ClusterItem[]): ProcessResult[] {
  let state: ClusterState = EMPTY_CLUSTER_STATE;
  return items.map((item) => {
    const r = processReport(state, item, match, new Date('2023-07-01T12:00:00Z'), deps);
    state = r.state;
    return r;
  });
}

function sameIncident(results: ProcessResult[]): boolean {
  return new Set(results.map((r) => r.incident.id)).size === 1;
}

// Monday 2023-06-05.
const monday: ClusterItem = {
  id: 'm1',
  title: 'Drone strikes Ain al-Asad air base; minor injuries reported',
  summary:
    'A one-way attack drone struck Ain al-Asad air base in Anbar on Monday, and a few US troops suffered minor injuries, officials said.',
  published: '2023-06-05T16:00:00Z',
  source: 'Outlet A',
  url: 'https://a.example/drone-asad-minor-injuries',
};

describe('processReport: follow-ups', () => {
  it('joins a week-later revision of the figures ("last week", "climbs to")', () => {
    const results = run([
      monday,
      {
        id: 'm2',
        title: "Number of US troops hurt in last week's Ain al-Asad drone attack climbs to 19",
        summary:
          "Nineteen US troops were injured in last week's drone strike on Ain al-Asad air base, the Pentagon said Tuesday, revising earlier accounts of minor injuries.",
        published: '2023-06-13T15:00:00Z',
        source: 'Outlet B',
        url: 'https://b.example/asad-injuries-climb',
      },
    ]);
    expect(results.map((r) => r.kind)).toEqual(['new', 'update']);
    expect(sameIncident(results)).toBe(true);
    expect(results[1]?.incident.facts.casualties[0]?.injured.min).toBe(19);
  });

  it('joins a revision a month later that names the attack date', () => {
    const results = run([
      {
        id: 'j1',
        title: 'Missiles hit Ain al-Asad air base, no US casualties reported',
        summary:
          'Ballistic missiles struck Ain al-Asad air base in Anbar on March 2, 2023, and no US casualties were reported, the command said.',
        published: '2023-03-02T22:00:00Z',
        source: 'Outlet A',
        url: 'https://a.example/missiles-asad',
      },
      {
        id: 'j2',
        title: 'Pentagon: 57 US troops diagnosed with brain injuries after Al Asad missile attack',
        summary:
          'The number of US troops diagnosed with traumatic brain injuries from the March 2 missile attack on Ain al-Asad air base has risen to 57, up from 31 late last month, the Pentagon said.',
        published: '2023-04-05T14:00:00Z',
        source: 'Outlet B',
        url: 'https://b.example/tbi-57',
      },
    ]);
    expect(results.map((r) => r.kind)).toEqual(['new', 'update']);
    expect(sameIncident(results)).toBe(true);
    expect(results[1]?.incident.facts.casualties[0]?.injured.min).toBe(57);
  });

  it('joins an undated follow-up at the same base after the usual window', () => {
    const results = run([
      monday,
      {
        id: 'm3',
        title: 'Toll from Ain al-Asad drone attack rises to seven US troops injured',
        summary:
          'Seven US troops have now been treated for injuries from the drone attack on Ain al-Asad air base, up from an initial three, a defense official said.',
        published: '2023-06-16T09:00:00Z',
        source: 'Outlet C',
        url: 'https://c.example/asad-toll-rises',
      },
    ]);
    expect(sameIncident(results)).toBe(true);
  });

  it('keeps two different attacks on the same base a week apart split', () => {
    const results = run([
      monday,
      {
        id: 'm4',
        title: 'Rockets hit Ain al-Asad air base on Sunday; injury toll from attacks rises to 5',
        summary:
          'Three rockets landed inside Ain al-Asad air base in Anbar on Sunday, wounding two US troops, officials said.',
        published: '2023-06-11T20:00:00Z',
        source: 'Outlet D',
        url: 'https://d.example/rockets-asad-sunday',
      },
      {
        id: 'm5',
        title: 'Another drone attack hits Ain al-Asad; number of US troops hurt rises to 4',
        summary:
          'A drone struck Ain al-Asad air base again, and four US troops were hurt, officials said.',
        published: '2023-06-12T09:00:00Z',
        source: 'Outlet E',
        url: 'https://e.example/asad-another-drone',
      },
    ]);
    const [first, second, third] = results;
    expect(second?.kind).toBe('new');
    expect(second?.incident.id).not.toBe(first?.incident.id);
    expect(third?.incident.id).not.toBe(first?.incident.id);
  });

  it('keeps an undated follow-up about another place apart', () => {
    const results = run([
      monday,
      {
        id: 'm6',
        title: 'Number of troops hurt in Erbil drone attack rises to six',
        summary: 'Six US troops were injured in the drone attack on Erbil, officials said.',
        published: '2023-06-16T09:00:00Z',
        source: 'Outlet F',
        url: 'https://f.example/erbil-rises',
      },
    ]);
    expect(sameIncident(results)).toBe(false);
  });
});

describe('processReport: places named at different levels', () => {
  it('joins a base with the country the first report named, on the same day', () => {
    const results = run([
      {
        id: 't1',
        title: 'Two US soldiers killed in drone attack on outpost in northeast Jordan',
        summary:
          'Two US soldiers were killed and several wounded when a drone hit a small outpost in northeast Jordan on Sunday, officials said.',
        published: '2023-06-04T19:00:00Z',
        source: 'Outlet A',
        url: 'https://a.example/jordan-outpost',
      },
      {
        id: 't2',
        title: 'Number of soldiers hurt at Tower 22 climbs past 30',
        summary:
          "More than 30 US soldiers are being evaluated for injuries after Sunday's attack on Tower 22, the Pentagon said.",
        published: '2023-06-06T15:00:00Z',
        source: 'Outlet B',
        url: 'https://b.example/tower-22-injuries',
      },
    ]);
    expect(results.map((r) => r.kind)).toEqual(['new', 'update']);
    expect(results[1]?.incident.facts.location.id).toBe('tower-22');
  });

  it('joins a town with its province on the same day', () => {
    const results = run([
      {
        id: 'q1',
        title: 'US jets strike militia weapons depots in Anbar',
        summary:
          "US aircraft struck two Kata'ib Hezbollah weapons depots in Anbar province on Friday, the US military said.",
        published: '2023-06-09T21:00:00Z',
        source: 'Outlet A',
        url: 'https://a.example/anbar-depots',
      },
      {
        id: 'q2',
        title: 'Iraqi officials say US strikes near al-Qaim destroyed militia depots',
        summary:
          "US airstrikes near al-Qaim on Friday destroyed two depots used by Kata'ib Hezbollah, Iraqi security officials said.",
        published: '2023-06-10T08:00:00Z',
        source: 'Outlet B',
        url: 'https://b.example/qaim-strikes',
      },
    ]);
    expect(results.map((r) => r.kind)).toEqual(['new', 'update']);
  });
});
