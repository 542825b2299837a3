import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../test/support/make-incident.js';
import { testVocabulary } from '../../test/support/test-vocabulary.js';
import { openIncidentFrom } from '../incident/cluster/cluster-state.js';
import { OpenIncidentCache } from './open-incident-cache.js';

const vocabulary = testVocabulary();
const incident = makeIncident({
  id: 'inc-1',
  headline: 'Drone hits Ain al-Asad',
  sources: [{ outlet: 'Wire', url: 'https://wire.example/1' }],
});

describe('OpenIncidentCache', () => {
  it('gives the same features as openIncidentFrom, with the incident passed in', () => {
    const cache = new OpenIncidentCache(vocabulary);
    const fresh = { ...incident, summary: 'newer text' };
    cache.get(incident);
    const open = cache.get(fresh);
    expect(open.incident).toBe(fresh);
    expect(open.features).toEqual(openIncidentFrom(incident, vocabulary).features);
  });

  it('rebuilds when the version or the sources change', () => {
    const cache = new OpenIncidentCache(vocabulary);
    const first = cache.get(incident);
    const more = makeIncident({
      id: 'inc-1',
      headline: 'Drone hits Ain al-Asad',
      sources: [
        { outlet: 'Wire', url: 'https://wire.example/1' },
        { outlet: 'Other', url: 'https://other.example/2' },
      ],
    });
    const second = cache.get(more);
    expect(second.features).not.toEqual(first.features);
    expect(second.features).toEqual(openIncidentFrom(more, vocabulary).features);
    expect((cache as unknown as { entries: Map<string, unknown> }).entries.size).toBe(1);
  });

  it('keeps at most maxEntries incidents', () => {
    const cache = new OpenIncidentCache(vocabulary, 2);
    for (const id of ['a', 'b', 'c']) cache.get({ ...incident, id });
    expect((cache as unknown as { entries: Map<string, unknown> }).entries.size).toBe(2);
  });
});
