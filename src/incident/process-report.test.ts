import { describe, expect, it } from 'vitest';
import type { TopicMatch } from '../domain/topic-match.js';
import { EMPTY_CLUSTER_STATE, type ClusterState } from './cluster/cluster-state.js';
import { incidentId } from './cluster/incident-id.js';
import { processReport, type ClusterItem, type ProcessResult } from './process-report.js';
import { testVocabulary } from '../../test/support/test-vocabulary.js';

const deps = { vocabulary: testVocabulary() };
const match: TopicMatch = {
  match: true,
  score: 0.8,
  topics: [{ topic: 'T3', score: 0.8 }],
  why: 'test',
};

function run(items: ClusterItem[]): ProcessResult[] {
  let state: ClusterState = EMPTY_CLUSTER_STATE;
  return items.map((item) => {
    const r = processReport(state, item, match, new Date('2023-06-08T12:00:00Z'), deps);
    state = r.state;
    return r;
  });
}

const first: ClusterItem = {
  id: 'a1',
  title: 'Drone attack on Ain al-Asad wounds two US troops',
  summary:
    'Two US troops were wounded when a drone struck Ain al-Asad air base in Anbar on Tuesday, officials said.',
  published: '2023-06-07T08:00:00Z',
  source: 'Outlet A',
  url: 'https://a.example/news/drone-ain-al-asad',
};

describe('processReport', () => {
  it('joins the same event from a second outlet and revises the casualty figure', () => {
    const [a, b] = run([
      first,
      {
        id: 'b1',
        title: 'Three American service members hurt in drone strike on Iraqi base',
        summary:
          'A one-way attack drone hit Al Asad air base in western Iraq on Tuesday, injuring three US service members, the Pentagon said.',
        published: '2023-06-07T15:00:00Z',
        source: 'Outlet B',
        url: 'https://b.example/2023/06/07/drone-base',
      },
    ]);
    expect(a?.kind).toBe('new');
    expect(b?.kind).toBe('update');
    expect(b?.incident.id).toBe(a?.incident.id);
    expect(b?.incident.sources.map((s) => s.outlet)).toEqual(['Outlet A', 'Outlet B']);
    expect(b?.incident.facts.casualties[0]?.injured).toEqual({ min: 3, max: 3 });
    expect(b?.changes.map((c) => c.description)).toContain('injured (us): 2 → 3, per Outlet B');
  });

  it('opens a new incident for a different event at the same base a week later', () => {
    const [a, b] = run([
      first,
      {
        id: 'c1',
        title: 'Rockets target Ain al-Asad air base, no casualties',
        summary:
          'Several rockets landed inside Ain al-Asad air base in Anbar on Wednesday, the coalition said.',
        published: '2023-06-15T10:00:00Z',
        source: 'Outlet C',
        url: 'https://c.example/rockets-ain-al-asad',
      },
    ]);
    expect(b?.kind).toBe('new');
    expect(b?.incident.id).not.toBe(a?.incident.id);
  });

  it('records a syndicated wire copy as a duplicate source, not a new incident', () => {
    const [a, b, c] = run([
      first,
      { ...first, id: 'a2', source: 'Reprint Daily', url: 'https://reprint.example/wire/12345' },
      {
        ...first,
        id: 'a3',
        source: 'Outlet A',
        url: 'https://www.a.example/news/drone-ain-al-asad/?utm_source=x',
      },
    ]);
    expect(b?.kind).toBe('duplicate');
    expect(c?.kind).toBe('duplicate');
    expect(c?.incident.id).toBe(a?.incident.id);
    expect(c?.incident.sources.map((s) => s.duplicateOf ?? null)).toEqual([null, 'a1', 'a1']);
    expect(c?.incident.version).toBe(1);
  });

  it('keeps a political statement apart from an attack the same day', () => {
    const [a, b] = run([
      first,
      {
        id: 'd1',
        title: 'Iraqi parliament debates call to expel US forces',
        summary:
          'Lawmakers in Baghdad on Tuesday debated a resolution demanding the withdrawal of US troops from Iraq.',
        published: '2023-06-07T18:00:00Z',
        source: 'Outlet D',
      },
    ]);
    expect(b?.incident.id).not.toBe(a?.incident.id);
  });

  it('gives stable short ids', () => {
    expect(incidentId('a1')).toMatch(/^inc_[a-z2-7]{8}$/);
    expect(incidentId('a1')).toBe(incidentId('a1'));
    expect(incidentId('a1')).not.toBe(incidentId('a2'));
  });

  it('keeps up with one attack told three ways, apart from look-alikes elsewhere or later', () => {
    const at = (h: number) => new Date(Date.UTC(2023, 5, 7, h)).toISOString();
    const rs = run([
      {
        id: 'x1',
        title: 'Rockets slam into Ain al-Asad; one US soldier hurt',
        summary: 'Several rockets hit Ain al-Asad air base early Wednesday, wounding a US soldier.',
        published: at(6),
        source: 'Outlet A',
      },
      {
        id: 'x2',
        title: 'Drone strike on Erbil airport causes no casualties',
        summary: 'A drone struck near the airport in Erbil on Wednesday; no one was hurt.',
        published: at(7),
        source: 'Outlet D',
      },
      {
        id: 'x3',
        title: 'Iraq base hosting American troops comes under rocket fire',
        summary:
          'At least eight rockets landed on the Al Asad air base in Anbar on Wednesday morning, the coalition said, and two service members suffered minor injuries.',
        published: at(11),
        source: 'Outlet B',
      },
      {
        id: 'x4',
        title: 'Three US troops now hurt in Wednesday rocket barrage on Ain al-Asad',
        summary:
          'The number of US troops injured in the rocket attack on Ain al-Asad on Wednesday has risen to three, officials said.',
        published: at(20),
        source: 'Outlet C',
      },
      {
        id: 'x5',
        title: 'Fresh rocket attack targets Ain al-Asad',
        summary:
          'A new barrage of rockets hit Ain al-Asad air base on Friday night, officials said.',
        published: new Date(Date.UTC(2023, 5, 10, 9)).toISOString(),
        source: 'Outlet A',
      },
    ]);
    const [a, e, b, c, later] = rs.map((r) => r.incident.id);
    expect([b, c]).toEqual([a, a]);
    expect(e).not.toBe(a);
    expect(later).not.toBe(a);
    const us = rs[3]?.incident.facts.casualties.find((x) => x.side === 'us');
    expect(us?.injured.min).toBe(3);
  });
});
