import { describe, expect, it } from 'vitest';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
import { testVocabulary } from '../../test/support/test-vocabulary.js';
import type { Incident } from '../domain/incident.js';
import {
  openIncidentAfter,
  openIncidentFrom,
  type SourceFeatureMemo,
} from '../incident/cluster/cluster-state.js';
import type { ReportFeatures } from '../incident/cluster/report-features.js';
import { OpenIncidentCache } from './open-incident-cache.js';

const vocabulary = testVocabulary();
const incident = makeIncident({
  id: 'inc-1',
  headline: 'Drone hits Ain al-Asad',
  sources: [{ outlet: 'Wire', url: 'https://wire.example/1' }],
});

/** A store of incidents by id that records which ids each load asked for. */
function store(initial: Incident[]) {
  const byId = new Map(initial.map((i) => [i.id, i]));
  const loads: string[][] = [];
  return {
    byId,
    loads,
    load: (ids: readonly string[]) => {
      loads.push([...ids]);
      return Promise.resolve(ids.map((id) => byId.get(id) ?? null));
    },
  };
}

describe('OpenIncidentCache', () => {
  it('gives the same features as openIncidentFrom, in the order listed', async () => {
    const other = { ...incident, id: 'inc-2', headline: 'Rocket attack on Erbil airport' };
    const s = store([incident, other]);
    const cache = new OpenIncidentCache(vocabulary);
    const open = await cache.current(
      [
        { id: 'inc-2', revision: '1' },
        { id: 'inc-1', revision: '3' },
      ],
      s.load,
    );
    expect(open.map((o) => o.incident.id)).toEqual(['inc-2', 'inc-1']);
    expect(open[1]?.features).toEqual(openIncidentFrom(incident, vocabulary).features);
  });

  it('re-reads only the incidents whose revision moved', async () => {
    const s = store([incident, { ...incident, id: 'inc-2' }]);
    const cache = new OpenIncidentCache(vocabulary);
    const listed = [
      { id: 'inc-1', revision: '1' },
      { id: 'inc-2', revision: '1' },
    ];
    await cache.current(listed, s.load);
    const more = makeIncident({
      id: 'inc-1',
      headline: 'Drone hits Ain al-Asad',
      sources: [
        { outlet: 'Wire', url: 'https://wire.example/1' },
        { outlet: 'Other', url: 'https://other.example/2' },
      ],
    });
    s.byId.set('inc-1', more);
    const open = await cache.current([{ id: 'inc-1', revision: '2' }, listed[1]!], s.load);
    expect(s.loads).toEqual([['inc-1', 'inc-2'], ['inc-1']]);
    expect(open[0]?.incident).toBe(more);
    expect(open[0]?.features).toEqual(openIncidentFrom(more, vocabulary).features);
    // Nothing moved: nothing read.
    await cache.current([{ id: 'inc-1', revision: '2' }, listed[1]!], s.load);
    expect(s.loads.at(-1)).toEqual([]);
  });

  it('keeps what this worker saved, re-reads unknown revisions, drops gone incidents', async () => {
    const s = store([]);
    const cache = new OpenIncidentCache(vocabulary);
    cache.saved(incident, '4');
    expect(await cache.current([{ id: 'inc-1', revision: '4' }], s.load)).toHaveLength(1);
    expect(s.loads).toEqual([[]]);
    // An empty revision (saved before revisions were kept) is never trusted.
    expect(await cache.current([{ id: 'inc-1', revision: '' }], s.load)).toEqual([]);
    expect(await cache.current([{ id: 'inc-1', revision: '4' }], s.load)).toEqual([]);
  });

  it('keeps at most maxEntries incidents', () => {
    const cache = new OpenIncidentCache(vocabulary, 2);
    for (const id of ['a', 'b', 'c']) cache.saved({ ...incident, id }, '1');
    expect((cache as unknown as { entries: Map<string, unknown> }).entries.size).toBe(2);
  });

  it('rebuilding an incident after a save extracts only its new source, with the same features', () => {
    const one = makeIncident({
      id: 'inc-9',
      headline: 'Drone hits Ain al-Asad',
      sources: [{ outlet: 'Wire', url: 'https://wire.example/1' }],
    });
    const two = makeIncident({
      id: 'inc-9',
      headline: 'Drone hits Ain al-Asad',
      sources: [
        { outlet: 'Wire', url: 'https://wire.example/1' },
        {
          outlet: 'Other',
          url: 'https://other.example/2',
          title: 'Two US soldiers hurt as drone strikes base in Anbar',
          lead: ['A one-way drone struck Ain al-Asad air base on Monday, wounding two soldiers.'],
        },
      ],
    });
    const stored = new Map<string, ReportFeatures>();
    const computed: string[] = [];
    const memo: SourceFeatureMemo = {
      get: (k) => stored.get(k),
      set: (k, f) => {
        computed.push(k);
        stored.set(k, f);
      },
    };
    openIncidentFrom(one, vocabulary, memo);
    expect(computed).toHaveLength(1);
    const rebuilt = openIncidentFrom(two, vocabulary, memo);
    expect(computed).toHaveLength(2);
    expect(rebuilt.features).toEqual(openIncidentFrom(two, vocabulary).features);
  });
});

describe('openIncidentAfter', () => {
  const one = makeIncident({
    id: 'inc-7',
    headline: 'Drone hits Ain al-Asad',
    sources: [
      {
        outlet: 'Wire',
        url: 'https://wire.example/1',
        lead: ['A drone struck Ain al-Asad air base in Anbar on Monday, US officials said.'],
      },
    ],
  });
  const report = makeIncident({
    sources: [
      {
        itemId: 'item-b',
        outlet: 'Other',
        url: 'https://other.example/2',
        title: 'Two US soldiers hurt as drone strikes base in Anbar',
        lead: ['A one-way drone struck Ain al-Asad air base on Monday, wounding two soldiers.'],
      },
    ],
  }).sources;
  // Made as processReport makes them: the earlier sources are the same objects.
  const two = {
    ...one,
    version: 2,
    sources: [...one.sources, ...report],
    facts: { ...one.facts, casualties: [casualty('us', 0, 2)] },
  };
  const copy = { ...report[0]!, itemId: 'item-c', duplicateOf: 'item-b' };
  const three = {
    ...two,
    sources: [...two.sources, copy],
    facts: { ...two.facts, casualties: [casualty('us', 0, 3)] },
  };
  const full = (i: typeof one) => openIncidentFrom(i, vocabulary);

  it('adds the new reports to the open incident: the same as rebuilding it from every source', () => {
    const after = openIncidentAfter(full(one), two, vocabulary);
    expect(after).toEqual(full(two));
    expect(after?.incident).toBe(two);
  });

  it('takes the new facts when only a copy was added', () => {
    const after = openIncidentAfter(full(two), three, vocabulary);
    expect(after).toEqual(full(three));
    expect(after?.features.casualties).toEqual([casualty('us', 0, 3)]);
  });

  it('declines when a source was rewritten (a revision), so the caller rebuilds', () => {
    const revised = {
      ...two,
      sources: [{ ...one.sources[0]!, lead: ['Longer lead.'] }, ...report],
    };
    expect(openIncidentAfter(full(one), revised, vocabulary)).toBeNull();
  });

  it('keeps after a save what a rebuild from every source gives', () => {
    const cache = new OpenIncidentCache(vocabulary);
    cache.saved(one, '1');
    cache.saved(two, '2');
    const held = (cache as unknown as { entries: Map<string, { open: unknown }> }).entries;
    expect(held.get('inc-7')?.open).toEqual(full(two));
  });
});
