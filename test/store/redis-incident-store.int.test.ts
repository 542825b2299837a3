import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain/incident.js';
import type { IncidentStore } from '../../src/store/incident-store.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';

const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: false, maxRetriesPerRequest: 1 });
const DAY = 86_400_000;
let prefix = '';
let store: IncidentStore;

function incident(
  id: string,
  updatedAt: string,
  over: Partial<Incident['facts']> = {},
  topics = ['militia-attacks'],
): Incident {
  return {
    id,
    version: 1,
    facts: {
      type: 'Explosions/Remote violence',
      subType: 'Air/drone strike',
      actors: [{ name: "Kata'ib Hezbollah", side: 'militia' }],
      location: { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', precision: 'site' },
      casualties: [],
      troops: null,
      eventDate: updatedAt.slice(0, 10),
      eventDatePrecision: 'day',
      ...over,
    },
    topics,
    why: 'test',
    summary: 'Air/drone strike, Ain al-Asad (Anbar, Iraq) — 1 outlet',
    headline: `Drone attack on Ain al-Asad ${id}`,
    sources: [],
    firstSeen: updatedAt,
    updatedAt,
    timeline: [],
    confidence: 0.5,
  };
}

beforeEach(() => {
  prefix = `test:${randomUUID()}`;
  store = createRedisIncidentStore(redis, { prefix, retentionMs: 30 * DAY });
});

afterEach(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
});

afterAll(async () => {
  await redis.quit();
});

describe('redis incident store', () => {
  it('saves and gets by id, with optimistic versions', async () => {
    const a = incident('inc_aaaaaaaa', '2024-01-02T10:00:00Z');
    expect(await store.save(a, null)).toEqual({ ok: true, revision: '1' });
    expect(await store.save(a, null)).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.get('inc_aaaaaaaa')).toEqual(a);
    const b = { ...a, version: 2, updatedAt: '2024-01-02T12:00:00Z' };
    expect(await store.save(b, 1)).toEqual({ ok: true, revision: '2' });
    expect(await store.save({ ...b, version: 3 }, 1)).toEqual({ ok: false, reason: 'conflict' });
    expect((await store.get('inc_aaaaaaaa'))?.version).toBe(2);
    expect(await store.get('inc_missing0')).toBeNull();
  });

  it('lists recent incidents newest first, filtered by topic, type, place, actor and time', async () => {
    await store.save(incident('inc_1', '2024-01-01T00:00:00Z'), null);
    await store.save(
      incident(
        'inc_2',
        '2024-01-03T00:00:00Z',
        {
          type: 'Battles',
          subType: 'Armed clash',
          actors: [{ name: 'Islamic State', side: 'isis' }],
          location: { place: 'Anbar', admin1: 'Anbar', country: 'Iraq', precision: 'province' },
        },
        ['counter-isis'],
      ),
      null,
    );
    await store.save(incident('inc_3', '2024-01-02T00:00:00Z'), null);
    expect((await store.recent()).map((i) => i.id)).toEqual(['inc_2', 'inc_3', 'inc_1']);
    expect((await store.recent({ limit: 2 })).map((i) => i.id)).toEqual(['inc_2', 'inc_3']);
    expect((await store.recent({ topic: 'counter-isis' })).map((i) => i.id)).toEqual(['inc_2']);
    expect((await store.recent({ type: 'Air/drone strike' })).map((i) => i.id)).toEqual([
      'inc_3',
      'inc_1',
    ]);
    expect((await store.recent({ place: 'anbar' })).map((i) => i.id)).toEqual([
      'inc_2',
      'inc_3',
      'inc_1',
    ]);
    expect((await store.recent({ actor: "kata'ib hezbollah" })).map((i) => i.id)).toEqual([
      'inc_3',
      'inc_1',
    ]);
    expect(
      (await store.recent({ since: new Date('2024-01-02T00:00:00Z') })).map((i) => i.id),
    ).toEqual(['inc_2', 'inc_3']);
  });

  it('answers more than 200 recent incidents when asked, up to its scan limit', async () => {
    const day = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 260; i++)
      await store.save(incident(`inc_${i}`, new Date(day + i * 60_000).toISOString()), null);
    const all = await store.recent({ limit: 2000 });
    expect(all).toHaveLength(260);
    expect(all[259]?.id).toBe('inc_0');
    const small = createRedisIncidentStore(redis, {
      prefix,
      retentionMs: 30 * DAY,
      scanLimit: 100,
    });
    expect(await small.recent({ limit: 2000 })).toHaveLength(100);
  });

  it('does not return an incident under a facet it no longer has', async () => {
    const a = incident('inc_moved', '2024-01-01T00:00:00Z');
    await store.save(a, null);
    const moved = {
      ...a,
      version: 2,
      updatedAt: '2024-01-01T05:00:00Z',
      facts: {
        ...a.facts,
        location: { place: 'Erbil', admin1: 'Erbil', country: 'Iraq', precision: 'town' as const },
      },
    };
    await store.save(moved, 1);
    expect(await store.recent({ place: 'Ain al-Asad' })).toEqual([]);
    expect((await store.recent({ place: 'Erbil' })).map((i) => i.id)).toEqual(['inc_moved']);
  });

  it('finds incidents by words of headline, summary, place and actors', async () => {
    await store.save(incident('inc_1', '2024-01-01T00:00:00Z'), null);
    await store.save(
      {
        ...incident('inc_2', '2024-01-02T00:00:00Z'),
        headline: 'Rockets hit Erbil airport',
        summary: 'Rockets near Erbil',
      },
      null,
    );
    expect((await store.search('drone Asad')).map((i) => i.id)).toEqual(['inc_1']);
    expect((await store.search('Hezbollah')).map((i) => i.id)).toEqual(['inc_2', 'inc_1']);
    expect(await store.search('Mosul')).toEqual([]);
  });

  it('prunes incidents older than the retention period', async () => {
    await store.save(incident('inc_old', '2024-01-01T00:00:00Z'), null);
    await store.save(incident('inc_new', '2024-02-25T00:00:00Z'), null);
    expect(await store.prune(new Date('2024-03-01T00:00:00Z'))).toBe(1);
    expect(await store.get('inc_old')).toBeNull();
    expect((await store.recent()).map((i) => i.id)).toEqual(['inc_new']);
    expect((await store.search('drone')).map((i) => i.id)).toEqual(['inc_new']);
    expect(await store.recentRevisions({ limit: 10 })).toEqual([{ id: 'inc_new', revision: '1' }]);
  });

  it('lists recent ids with a revision that moves on every save, the version or not', async () => {
    const a = incident('inc_a', '2024-01-02T10:00:00Z');
    const b = incident('inc_b', '2024-01-02T11:00:00Z');
    await store.save(a, null);
    await store.save(b, null);
    expect(await store.recentRevisions({ limit: 10 })).toEqual([
      { id: 'inc_b', revision: '1' },
      { id: 'inc_a', revision: '1' },
    ]);
    // A duplicate report: new source, same version — the revision still moves.
    const dup = { ...a, updatedAt: '2024-01-02T12:00:00Z', sources: [...a.sources] };
    expect(await store.save(dup, 1)).toEqual({ ok: true, revision: '2' });
    expect(
      await store.recentRevisions({ since: new Date('2024-01-02T11:30:00Z'), limit: 10 }),
    ).toEqual([{ id: 'inc_a', revision: '2' }]);
    expect(await store.recentRevisions({ limit: 1 })).toEqual([{ id: 'inc_a', revision: '2' }]);
    expect(await store.getMany(['inc_b', 'inc_gone', 'inc_a'])).toEqual([b, null, dup]);
  });

  it('refuses a same-version save over a revision the writer did not read', async () => {
    const a = incident('inc_a', '2024-01-02T10:00:00Z');
    await store.save(a, null);
    const source = (outlet: string) => ({
      itemId: outlet,
      outlet,
      url: `https://${outlet}.example.org/a`,
      title: 'Drone attack',
      published: '2024-01-02T11:00:00Z',
      seenAt: '2024-01-02T11:00:00Z',
    });
    // Two workers read revision 1 and each adds a duplicate report (version stays 1).
    const first: Incident = { ...a, sources: [source('one')] };
    const second: Incident = { ...a, sources: [source('two')] };
    expect(await store.save(first, 1, '1')).toEqual({ ok: true, revision: '2' });
    expect(await store.save(second, 1, '1')).toEqual({ ok: false, reason: 'conflict' });
    expect((await store.get('inc_a'))?.sources.map((s) => s.itemId)).toEqual(['one']);
    // Re-read at revision 2, the second writer's save goes in with both sources.
    const both: Incident = { ...a, sources: [source('one'), source('two')] };
    expect(await store.save(both, 1, '2')).toEqual({ ok: true, revision: '3' });
  });
});
