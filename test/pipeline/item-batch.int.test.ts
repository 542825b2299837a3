/**
 * One failing item does not hold up its batch: the other items of the fetch are clustered and
 * alerted at once, the failing one retries as its own job and, if it keeps failing, ends in
 * the items queue's failed set with its error — never silently dropped. Several items jobs run
 * at once, their clustering steps in rounds, so reports of one event still make one incident.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/domain/feed-item.js';
import { loadConfig } from '../../src/config/load-config.js';
import { loadMatcher } from '../../src/config/load-matcher.js';
import { loadVocabulary } from '../../src/config/load-vocabulary.js';
import { lateReport } from '../../src/queue/article-enrichment.js';
import {
  BatchItems,
  itemsJobProcessor,
  type ItemsJobDeps,
} from '../../src/queue/item-batch.processor.js';
import { clusterRounds, processItem, warmOpenIncidents } from '../../src/queue/item.processor.js';
import {
  jobIds,
  type AlertJob,
  type ItemBatchJob,
  type ItemsQueueJob,
} from '../../src/queue/jobs.js';
import { createMetrics } from '../../src/queue/metrics.js';
import { OpenIncidentCache } from '../../src/queue/open-incident-cache.js';
import type { IncidentStore } from '../../src/store/incident-store.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';
import {
  chaosIncidents,
  secondReport,
  thirdReport,
  type ChaosIncident,
} from '../chaos/harness/incidents.js';
import { captureLog } from '../support/capture-log.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const config = loadConfig({ env: {}, overrides: {} });
const { matcher, gazetteer } = loadMatcher(config.match);
const vocabulary = loadVocabulary(config, gazetteer);

let t: TestRedis;
let itemQueue: Queue<ItemsQueueJob>;
let alertQueue: Queue<AlertJob>;
let worker: Worker | undefined;
let workerRedis: Redis | undefined;
const extraRedis: Redis[] = [];

beforeEach(() => {
  t = testRedis();
  const connection = { connection: t.redis, prefix: t.prefix };
  itemQueue = new Queue<ItemsQueueJob>('items', {
    ...connection,
    defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 20 } },
  });
  alertQueue = new Queue<AlertJob>('alerts', connection);
});

afterEach(async () => {
  await worker?.close();
  await Promise.all(extraRedis.splice(0).map((r) => r.quit()));
  await workerRedis?.quit();
  worker = undefined;
  workerRedis = undefined;
  await itemQueue.close();
  await alertQueue.close();
  await t.cleanup();
});

/** A chaos-harness report as the item a feed would give. */
function feedItem(c: ChaosIncident, feedId = 'wire'): FeedItem & ItemBatchJob['items'][number] {
  return {
    id: c.guid,
    feedId,
    title: c.title,
    link: c.link,
    summary: c.summary,
    content: '',
    published: c.pubDate.toISOString(),
    categories: [],
    source: 'Wire',
  };
}

/** Three on-topic items of one fetch, three distinct incidents. */
function fetchedItems(): ItemBatchJob['items'] {
  return chaosIncidents(3, 'batch').map((c) => feedItem(c));
}

/** The real Redis incident store, whose saves of `itemId`'s incident fail `times` times. */
function failingFor(itemId: string, times: number): IncidentStore {
  const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
  let left = times;
  return {
    ...store,
    save(incident, expected, revision) {
      if (left > 0 && incident.sources.some((s) => s.itemId === itemId)) {
        left -= 1;
        return Promise.reject(new Error(`save failed for ${itemId}`));
      }
      return store.save(incident, expected, revision);
    },
  };
}

function deps(incidents: IncidentStore) {
  const { lines, log } = captureLog('warn');
  const d: ItemsJobDeps = {
    matcher,
    vocabulary,
    incidents,
    alertQueue,
    itemQueue,
    metrics: createMetrics(),
    cluster: config.incidents.cluster,
    openIncidents: new OpenIncidentCache(vocabulary),
    log,
  };
  return { d, lines };
}

function startItemsWorker(d: ItemsJobDeps): void {
  workerRedis = t.redis.duplicate({ maxRetriesPerRequest: null });
  worker = new Worker('items', itemsJobProcessor(d), {
    connection: workerRedis,
    prefix: t.prefix,
  });
}

/** The item ids whose incidents have an alert job. */
async function alerted(incidents: IncidentStore): Promise<string[]> {
  const jobs = await alertQueue.getJobs(['waiting', 'delayed', 'active', 'completed']);
  const found = await incidents.getMany(jobs.map((j) => j.data.incidentId));
  return found.flatMap((i) => i?.sources.map((s) => s.itemId) ?? []).sort();
}

describe('items batch', () => {
  it('alerts the good items at once; the failing one retries alone and alerts once it can', async () => {
    const items = fetchedItems();
    const bad = items[1]?.id ?? '';
    // Fails in the batch and on its own job's first attempt; its second attempt gets through.
    const incidents = failingFor(bad, 2);
    const { d, lines } = deps(incidents);
    await itemQueue.add('items', { items }, { jobId: jobIds.batch('one-fetch') });
    startItemsWorker(d);
    await waitFor(async () => (await itemQueue.getJobState('batch-one-fetch')) === 'completed');
    const batch = await itemQueue.getJob('batch-one-fetch');
    expect(batch?.returnvalue).toEqual({ items: 3, retriedAlone: [bad] });
    await waitFor(async () => (await itemQueue.getJobState(jobIds.item(bad))) === 'completed');
    expect(await alerted(incidents)).toEqual(items.map((i) => i.id).sort());
    expect((await itemQueue.getJob(jobIds.item(bad)))?.attemptsMade).toBe(2);
    expect(lines.some((l) => l.itemId === bad && String(l.msg).includes('retries'))).toBe(true);
  });

  it('keeps an item that never gets through in the failed set, with its error', async () => {
    const items = fetchedItems();
    const bad = items[2]?.id ?? '';
    const incidents = failingFor(bad, Number.POSITIVE_INFINITY);
    const { d } = deps(incidents);
    await itemQueue.add('items', { items }, { jobId: jobIds.batch('one-fetch') });
    startItemsWorker(d);
    await waitFor(async () => (await itemQueue.getJobState(jobIds.item(bad))) === 'failed');
    const failed = await itemQueue.getJob(jobIds.item(bad));
    expect(failed?.attemptsMade).toBe(3);
    expect(failed?.failedReason).toBe(`save failed for ${bad}`);
    expect(failed?.data).toMatchObject({ item: { id: bad, link: items[2]?.link } });
    expect(await itemQueue.getJobState('batch-one-fetch')).toBe('completed');
    const good = items.filter((i) => i.id !== bad).map((i) => i.id);
    expect(await alerted(incidents)).toEqual(good.sort());
  });
});

describe('alerts routed in the item job', () => {
  it('routes each alert at once, and queues the one whose routing fails for the alerts worker', async () => {
    const items = fetchedItems();
    const incidents = createRedisIncidentStore(t.redis, {
      prefix: t.prefix,
      retentionMs: 86_400_000,
    });
    const routed: AlertJob[] = [];
    const { d, lines } = deps(incidents);
    const bad = items[0]?.id ?? '';
    const withRoute: ItemsJobDeps = {
      ...d,
      route: async (job) => {
        const incident = await incidents.get(job.incidentId);
        if (incident?.sources.some((s) => s.itemId === bad)) throw new Error('subscriptions gone');
        routed.push(job);
      },
    };
    await itemQueue.add('items', { items }, { jobId: jobIds.batch('one-fetch') });
    startItemsWorker(withRoute);
    await waitFor(async () => (await itemQueue.getJobState('batch-one-fetch')) === 'completed');
    expect(routed.map((j) => [j.kind, j.version])).toEqual([
      ['new', 1],
      ['new', 1],
    ]);
    // Only the alert whose routing failed is queued: the alerts worker retries it.
    expect(await alerted(incidents)).toEqual([bad]);
    expect(lines.some((l) => String(l.msg).includes('routing failed'))).toBe(true);
  });
});

describe('open incidents at start', () => {
  it('reads the open incidents before the first item, which then loads none of them again', async () => {
    // The batch job's items are FeedItems (no optional field is set).
    const items = fetchedItems() as FeedItem[];
    const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
    const first = deps(store).d;
    for (const item of items.slice(0, 2)) await processItem(first, item);
    // A new worker: an empty cache over a store that counts what it loads.
    const loaded: string[] = [];
    const counting: IncidentStore = {
      ...store,
      getMany: (ids) => {
        loaded.push(...ids);
        return store.getMany(ids);
      },
    };
    const fresh: ItemsJobDeps = {
      ...deps(counting).d,
      openIncidents: new OpenIncidentCache(vocabulary),
    };
    expect(await warmOpenIncidents(fresh)).toBe(2);
    expect(loaded).toHaveLength(2);
    await processItem(fresh, items[2] as FeedItem);
    expect(loaded).toHaveLength(2);
  });
});

/** Three outlets' reports of one incident, as FeedItems. */
function oneEventThreeOutlets(): FeedItem[] {
  const [first] = chaosIncidents(1, 'race');
  if (!first) throw new Error('no incident');
  return [first, secondReport(first, 0), thirdReport(first, 0)].map((c) =>
    feedItem(c, `outlet-${c.guid}`),
  );
}

/** The real store, whose saves take `ms` and which counts saves in flight at once. */
function slowSaves(ms: number) {
  const store = createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 });
  const seen = { inFlight: 0, most: 0, duringRoute: 0 };
  const incidents: IncidentStore = {
    ...store,
    async save(incident, expected, revision) {
      seen.inFlight += 1;
      seen.most = Math.max(seen.most, seen.inFlight);
      await new Promise((r) => setTimeout(r, ms));
      try {
        return await store.save(incident, expected, revision);
      } finally {
        seen.inFlight -= 1;
      }
    },
  };
  return { incidents, seen };
}

async function incidentsOf(incidents: IncidentStore): Promise<string[][]> {
  const found = await incidents.recent({ limit: 10 });
  return found.map((i) => i.sources.map((s) => s.itemId).sort());
}

describe('items jobs at once', () => {
  it('clusters reports of one event that arrive together into one incident', async () => {
    const reports = oneEventThreeOutlets();
    const { incidents, seen } = slowSaves(30);
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    const results = await Promise.all(reports.map((r) => processItem(d, r)));
    expect(results.map((r) => r.outcome)).toEqual(['new', 'update', 'update']);
    expect(await incidentsOf(incidents)).toEqual([reports.map((r) => r.id).sort()]);
    expect(seen.most).toBe(1);
  });

  it('without the clustering turn the same three reports would open three incidents', async () => {
    // Why the turn exists: each report decides against open incidents read before any save.
    const reports = oneEventThreeOutlets();
    const { incidents, seen } = slowSaves(30);
    const d = deps(incidents).d;
    const results = await Promise.all(reports.map((r) => processItem(d, r)));
    expect(results.map((r) => r.outcome)).toEqual(['new', 'new', 'new']);
    expect(await incidentsOf(incidents)).toHaveLength(3);
    expect(seen.most).toBe(3);
  });

  it("overlaps one job's alert routing with the next job's clustering", async () => {
    const reports = oneEventThreeOutlets();
    const { incidents, seen } = slowSaves(20);
    let routing = 0;
    const routed: AlertJob[] = [];
    const d: ItemsJobDeps = {
      ...deps(incidents).d,
      clustering: clusterRounds(),
      route: async (job) => {
        routing += 1;
        await new Promise((r) => setTimeout(r, 150));
        routing -= 1;
        routed.push(job);
      },
    };
    const save = incidents.save.bind(incidents);
    const watched: ItemsJobDeps = {
      ...d,
      incidents: {
        ...incidents,
        save: (incident, expected, revision) => {
          if (routing > 0) seen.duringRoute += 1;
          return save(incident, expected, revision);
        },
      },
    };
    for (const [n, r] of reports.entries()) {
      await itemQueue.add(
        'items',
        { items: [{ ...r, categories: [] }] },
        { jobId: jobIds.batch(`outlet-${n}`) },
      );
    }
    workerRedis = t.redis.duplicate({ maxRetriesPerRequest: null });
    worker = new Worker('items', itemsJobProcessor(watched), {
      connection: workerRedis,
      prefix: t.prefix,
      concurrency: 4,
    });
    await waitFor(() => routed.length === 3);
    expect(routed.map((j) => [j.kind, j.version])).toEqual([
      ['new', 1],
      ['update', 2],
      ['update', 3],
    ]);
    expect(await incidentsOf(incidents)).toEqual([reports.map((r) => r.id).sort()]);
    expect(seen.most).toBe(1);
    expect(seen.duringRoute).toBeGreaterThan(0);
  });
});

describe('clustering rounds', () => {
  /** The real store, counting revision reads and saves in flight at once. */
  function counted() {
    const { incidents, seen } = slowSaves(30);
    const reads = { n: 0 };
    const recentRevisions: IncidentStore['recentRevisions'] = (q) => {
      reads.n += 1;
      return incidents.recentRevisions(q);
    };
    return { incidents: { ...incidents, recentRevisions }, seen, reads };
  }

  it('decides the items that waited together: one read of the open incidents, saves sent at once', async () => {
    // Round 1 is the first item; the five that arrive while it runs make round 2.
    const items = chaosIncidents(6, 'rounds').map((c) => feedItem(c));
    const { incidents, seen, reads } = counted();
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    const results = await Promise.all(items.map((i) => processItem(d, i)));
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('new'));
    expect(reads.n).toBe(2);
    expect(seen.most).toBe(5);
    expect(await incidentsOf(incidents)).toHaveLength(6);
  });

  it("decides each item of a round against the earlier ones' incidents, one incident's saves in order", async () => {
    const reports = oneEventThreeOutlets();
    // Events 1 and 2 of the harness (the three reports are of event 0).
    const [, before, apart] = chaosIncidents(3, 'apart').map((c) => feedItem(c));
    const { incidents, seen, reads } = counted();
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    // Round 1 is `before`. In round 2 the first report opens an incident and the others join
    // it, each saved after the one before; the other event's save travels with the first.
    const results = await Promise.all(
      [before, ...reports, apart].map((i) => processItem(d, i as FeedItem)),
    );
    expect(results.map((r) => r.outcome)).toEqual(['new', 'new', 'update', 'update', 'new']);
    expect(reads.n).toBe(2);
    expect(seen.most).toBe(2);
    const found = await incidents.recent({ limit: 10 });
    expect(found.map((i) => [i.version, i.sources.length]).sort()).toEqual([
      [1, 1],
      [1, 1],
      [3, 3],
    ]);
  });

  it('fails an item met twice in one round when the save that put it in is refused', async () => {
    // A batch retried while its first run still waits: the second sees the item in the
    // incident the first is saving; its alert must not go out on a save that did not happen.
    const [before, twice] = chaosIncidents(2, 'twice').map((c): FeedItem => feedItem(c));
    if (!before || !twice) throw new Error('no items');
    const store = createRedisIncidentStore(t.redis, {
      prefix: t.prefix,
      retentionMs: 86_400_000,
    });
    let refuse = true;
    const incidents: IncidentStore = {
      ...store,
      save(incident, expected, revision) {
        if (refuse && incident.sources.some((s) => s.itemId === twice.id)) {
          refuse = false;
          // Refused, but answered only after the round's other item is decided.
          return new Promise((r) => setTimeout(() => r({ ok: false, reason: 'conflict' }), 50));
        }
        return store.save(incident, expected, revision);
      },
    };
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    const [a, b, c] = await Promise.allSettled(
      [before, twice, twice].map((i) => processItem(d, i)),
    );
    expect(a).toMatchObject({ status: 'fulfilled', value: { outcome: 'new' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'INCIDENT_CONFLICT' } });
    expect(c).toMatchObject({ status: 'rejected', reason: { code: 'INCIDENT_CONFLICT' } });
    // Retried, it opens its incident once.
    expect((await processItem(d, twice)).outcome).toBe('new');
    expect(await incidentsOf(incidents)).toHaveLength(2);
  });

  it("retries an item whose save another worker's beat at the very revision it expected", async () => {
    // The other worker's save makes the revision this one expected: the cache's copy must be
    // dropped, or the retry would find its own report in it and call it a duplicate (lost).
    const [first, second] = oneEventThreeOutlets() as [FeedItem, FeedItem];
    const store = createRedisIncidentStore(t.redis, {
      prefix: t.prefix,
      retentionMs: 86_400_000,
    });
    let beaten = false;
    const incidents: IncidentStore = {
      ...store,
      async save(incident, expected, revision) {
        if (!beaten && expected === 1) {
          beaten = true;
          const theirs = { ...incident, sources: incident.sources.slice(0, 1), version: 2 };
          expect((await store.save(theirs, 1, revision)).ok).toBe(true);
        }
        return store.save(incident, expected, revision);
      },
    };
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    expect((await processItem(d, first)).outcome).toBe('new');
    await expect(processItem(d, second)).rejects.toMatchObject({ code: 'INCIDENT_CONFLICT' });
    expect((await processItem(d, second)).outcome).toBe('update');
    const [only] = await incidents.recent({ limit: 10 });
    expect(only?.sources.map((s) => s.itemId)).toEqual([first.id, second.id]);
  });

  it("keeps an incident in view for the round's later items when an earlier save of it is refused mid-round", async () => {
    // A refusal answered while the round still decides (here during another item's load of an
    // incident without a revision) must not hide the incident from the items decided after.
    const [first, second, third] = oneEventThreeOutlets() as [FeedItem, FeedItem, FeedItem];
    const [old, blocker, other] = chaosIncidents(4, 'mid')
      .slice(1)
      .map((c): FeedItem => feedItem(c));
    if (!old || !blocker || !other) throw new Error('no items');
    const store = createRedisIncidentStore(t.redis, {
      prefix: t.prefix,
      retentionMs: 86_400_000,
    });
    const d0: ItemsJobDeps = { ...deps(store).d };
    await processItem(d0, first);
    await processItem(d0, old);
    // `old`'s incident as one saved before revisions were kept: read again for every decision.
    const oldId = (await store.recent({ limit: 10 })).find((i) =>
      i.sources.some((s) => s.itemId === old.id),
    )?.id;
    await t.redis.hdel(`${t.prefix}:incidents:revisions`, oldId ?? '');
    let refuse = true;
    const incidents: IncidentStore = {
      ...store,
      save(incident, expected, revision) {
        if (refuse && incident.sources.some((s) => s.itemId === second.id)) {
          refuse = false;
          return Promise.resolve({ ok: false, reason: 'conflict' });
        }
        return store.save(incident, expected, revision);
      },
    };
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    await warmOpenIncidents(d);
    const results = await Promise.allSettled(
      // Round 1: blocker. Round 2: second (refused at once), other (its decision reloads the
      // old incident, and the refusal comes meanwhile), third.
      [blocker, second, other, third].map((i) => processItem(d, i)),
    );
    // The third joined the incident (its save chained on the refused one: refused too), and
    // did not open a second incident of the event.
    expect(results[3]).toMatchObject({ status: 'rejected', reason: { code: 'INCIDENT_CONFLICT' } });
    const withFirst = (await store.recent({ limit: 10 })).filter((i) =>
      i.sources.some((s) => [first.id, third.id].includes(s.itemId)),
    );
    expect(withFirst).toHaveLength(1);
  });

  it('does not save over a copy its decision lacked (no revision, auto-pipelined saves)', async () => {
    // Saves on an auto-pipelining connection wait for the next turn of the event loop, while a
    // reload (an incident without a revision is reloaded for each decision) goes at once: a
    // decision can miss the save sent just before it. Such a decision is refused, retried.
    const [first, second] = oneEventThreeOutlets() as [FeedItem, FeedItem];
    const copy: FeedItem = {
      ...first,
      id: `${first.id}-copy`,
      link: `${first.link}?copy`,
      feedId: 'mirror',
    };
    const piped = t.redis.duplicate({ enableAutoPipelining: true });
    extraRedis.push(piped);
    const store = createRedisIncidentStore(piped, { prefix: t.prefix, retentionMs: 86_400_000 });
    await processItem(deps(store).d, first);
    await t.redis.del(`${t.prefix}:incidents:revisions`);
    const d: ItemsJobDeps = { ...deps(store).d, clustering: clusterRounds() };
    // Round 1: an unrelated item; round 2: the copy (a duplicate), then the second outlet.
    const [, other] = chaosIncidents(2, 'piped').map((c): FeedItem => feedItem(c));
    if (!other) throw new Error('no item');
    const results = await Promise.allSettled([other, copy, second].map((i) => processItem(d, i)));
    expect(results[1]).toMatchObject({ status: 'fulfilled', value: { outcome: 'duplicate' } });
    if (results[2]?.status === 'rejected') await processItem(d, second);
    const withFirst = (await store.recent({ limit: 10 })).find((i) =>
      i.sources.some((s) => s.itemId === first.id),
    );
    expect(withFirst?.sources.map((s) => s.itemId).sort()).toEqual(
      [first.id, copy.id, second.id].sort(),
    );
  });

  it("fails an item whose save another worker's beat, and the round's later item on that incident unsent; retried they join it", async () => {
    const [first, second, third] = oneEventThreeOutlets() as [FeedItem, FeedItem, FeedItem];
    const store = createRedisIncidentStore(t.redis, {
      prefix: t.prefix,
      retentionMs: 86_400_000,
    });
    const sent: string[][] = [];
    let beaten = false;
    const incidents: IncidentStore = {
      ...store,
      async save(incident, expected, revision) {
        sent.push(incident.sources.map((s) => s.itemId));
        if (!beaten && expected === 1) {
          // Another worker saves the incident first, as the same version this save makes.
          beaten = true;
          const [listed] = await store.recentRevisions({ limit: 1 });
          const theirs = {
            ...incident,
            headline: 'their copy',
            sources: incident.sources.slice(0, 1),
          };
          expect((await store.save(theirs, 1, listed?.revision ?? '')).ok).toBe(true);
        }
        return store.save(incident, expected, revision);
      },
    };
    const d: ItemsJobDeps = { ...deps(incidents).d, clustering: clusterRounds() };
    const [a, b, c] = await Promise.allSettled(
      [first, second, third].map((i) => processItem(d, i)),
    );
    expect(a).toMatchObject({ status: 'fulfilled', value: { outcome: 'new' } });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'INCIDENT_CONFLICT' } });
    expect(c).toMatchObject({ status: 'rejected', reason: { code: 'INCIDENT_CONFLICT' } });
    // The third's save, made on the second's, was never sent (it would have matched their
    // version and revision and overwritten their copy).
    expect(sent.filter((ids) => ids.includes(third.id))).toEqual([]);
    // Retried as their own jobs, each joins the incident as the other worker left it.
    expect((await processItem(d, second)).outcome).toBe('update');
    expect((await processItem(d, third)).outcome).toBe('update');
    const [only, ...more] = await incidents.recent({ limit: 10 });
    expect(more).toEqual([]);
    expect(only?.version).toBe(4);
    expect(only?.sources.map((s) => s.itemId)).toEqual([first.id, second.id, third.id]);
  });
});

describe('a late article and its batch at once', () => {
  it('waits for its feed item, then revises that incident instead of opening one', async () => {
    const items = fetchedItems();
    const last = items[2];
    if (!last) throw new Error('no item');
    const { incidents } = slowSaves(30);
    const d: ItemsJobDeps = {
      ...deps(incidents).d,
      clustering: clusterRounds(),
      batchItems: new BatchItems(),
    };
    await itemQueue.add('items', { items }, { jobId: jobIds.batch('one-fetch') });
    const late = lateReport(last as FeedItem);
    const lateId = jobIds.lateArticle(last.id);
    await itemQueue.add(
      'item',
      { item: { ...late, categories: [] }, revises: last.id },
      { jobId: lateId },
    );
    workerRedis = t.redis.duplicate({ maxRetriesPerRequest: null });
    worker = new Worker('items', itemsJobProcessor(d), {
      connection: workerRedis,
      prefix: t.prefix,
      concurrency: 4,
    });
    await waitFor(async () => (await itemQueue.getJobState(lateId)) === 'completed');
    // Without the wait the article clustered first: a new incident, the feed item its copy.
    expect((await itemQueue.getJob(lateId))?.returnvalue.outcome).not.toBe('new');
    const withLast = (await incidents.recent({ limit: 10 })).find((i) =>
      i.sources.some((s) => s.itemId === last.id),
    );
    expect(withLast?.sources.map((s) => [s.itemId, s.duplicateOf])).toEqual([
      [last.id, undefined],
      [late.id, last.id],
    ]);
  });
});
