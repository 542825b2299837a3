import { describe, expect, it } from 'vitest';
import type { Incident } from '../domain/incident.js';
import type { TopicMatch } from '../domain/topic-match.js';
import { EMPTY_CLUSTER_STATE } from './cluster/cluster-state.js';
import { testVocabulary } from '../../test/support/test-vocabulary.js';
import { processReport, processRevision, type ClusterItem } from './process-report.js';

// A late article revising the feed report it came from. Invented reports.
const match: TopicMatch = {
  match: true,
  score: 0.8,
  topics: [{ topic: 'T1', score: 0.8 }],
  why: 't',
};
const now = new Date('2026-11-26T12:00:00Z');
const summarise = (i: Incident): string =>
  (i.sources.flatMap((s) => s.lead ?? [])[0] ?? i.headline).slice(0, 80);
const deps = { vocabulary: testVocabulary(), summarise };

const feedItem: ClusterItem = {
  id: 'w2',
  title: 'ISIS ambushes Iraqi and US patrol in Anbar',
  summary: 'More details soon.',
  published: '2026-11-26T10:00:00Z',
  source: 'The Wire',
  url: 'https://wire.example/news/patrol-ambush',
};
const article: ClusterItem = {
  ...feedItem,
  id: 'w2-article',
  summary: '',
  content:
    'Islamic State militants ambushed a joint patrol of Iraqi forces and US troops in Anbar on Tuesday, killing three Iraqi soldiers, the coalition said.\n\nNo US troops were hurt.',
};

function alerted() {
  return processReport(EMPTY_CLUSTER_STATE, feedItem, match, now, deps);
}

describe('processRevision', () => {
  it('updates the incident with the article’s facts, listing the report once', () => {
    const first = alerted();
    const r = processRevision(first.state, 'w2', article, match, now, deps);
    expect(r?.kind).toBe('update');
    expect(r?.incident.id).toBe(first.incident.id);
    expect(r?.incident.version).toBe(2);
    const partner = r?.incident.facts.casualties.find((c) => c.side === 'partner');
    expect(partner?.killed.min).toBe(3);
    expect(r?.changes.map((c) => c.description).join('\n')).toMatch(/per The Wire/);
    expect(r?.changes.some((c) => c.description.startsWith('new source'))).toBe(false);
    const listed = r?.incident.sources.filter((s) => !s.duplicateOf) ?? [];
    expect(listed.map((s) => s.itemId)).toEqual(['w2']);
  });

  it('gives the feed report the article’s lead when the feed line was a teaser', () => {
    const r = processRevision(alerted().state, 'w2', article, match, now, deps);
    const lead = r?.incident.sources.find((s) => s.itemId === 'w2')?.lead ?? [];
    expect(lead[0]).toMatch(/^Islamic State militants ambushed/);
    expect(r?.incident.summary).toMatch(/^Islamic State militants ambushed/);
  });

  it('records an article that changes nothing a reader sees without a new version', () => {
    const full: ClusterItem = { ...feedItem, summary: article.content ?? '' };
    const first = processReport(EMPTY_CLUSTER_STATE, full, match, now, deps);
    const r = processRevision(first.state, 'w2', article, match, now, deps);
    expect(r?.kind).toBe('duplicate');
    expect(r?.incident.version).toBe(1);
    expect(r?.incident.sources.some((s) => s.itemId === 'w2-article')).toBe(true);
  });

  it('returns null when the revised report is no longer open', () => {
    expect(processRevision(EMPTY_CLUSTER_STATE, 'w2', article, match, now, deps)).toBeNull();
  });
});
