/**
 * Redis adapter of the incident store. Keys (all under `prefix`):
 *   {p}:incident:{id}          hash {json, version}; expires after the retention period
 *   {p}:incidents:time         zset id → updatedAt (ms)
 *   {p}:incidents:{facet}:{v}  zset per topic / type / place / actor value, same scores
 *   {p}:incidents:word:{w}     zset per normalised word of headline, summary, place, actors
 *   {p}:incidents:indexes      set of every index key (for pruning)
 *   {p}:incidents:revisions    hash id → save count: moves on every save, duplicates included
 *                              (the version does not), so a reader's copy is fresh iff equal
 * Saves are atomic check-and-set on the version (and on the revision when the caller knows it),
 * indexes included (one Lua script: a worker
 * that dies mid-save leaves no incident missing from recent(), which the item worker's retry
 * relies on to find the incident it saved before the crash). Index hits are re-checked
 * against the incident, so an index entry left by a changed facet never leaks into results.
 */
import type { Redis } from 'ioredis';
import type { Incident } from '../../domain/incident.js';
import { contentWords } from '../../incident/cluster/text-similarity.js';
import {
  matchesQuery,
  RECENT_REVISIONS_MAX,
  type IncidentStore,
  type SaveResult,
} from '../incident-store.js';

const SAVE_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], 'version')
if ARGV[1] == '' then
  if cur then return 0 end
elseif cur ~= ARGV[1] then
  return 0
end
if ARGV[7] ~= '' and redis.call('HGET', KEYS[3], ARGV[6]) ~= ARGV[7] then return 0 end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'version', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local revision = redis.call('HINCRBY', KEYS[3], ARGV[6], 1)
local added = {}
for i = 4, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[5], ARGV[6])
  added[#added + 1] = KEYS[i]
end
if #added > 0 then redis.call('SADD', KEYS[2], unpack(added)) end
return revision
`;

// KEYS: time index, revisions hash; ARGV: since (ms or -inf), limit. Newest first: id, revision.
const REVISIONS_SCRIPT = `
local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', ARGV[1], 'LIMIT', 0, ARGV[2])
if #ids == 0 then return {} end
local revs = redis.call('HMGET', KEYS[2], unpack(ids))
local out = {}
for i, id in ipairs(ids) do
  out[#out + 1] = id
  out[#out + 1] = revs[i] or ''
end
return out
`;

export interface RedisIncidentStoreOptions {
  readonly prefix: string;
  /** Retention period (ms) since the last update. */
  readonly retentionMs: number;
  /** How many index entries a query reads at most (bounds recent() and search()). */
  readonly scanLimit?: number;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function facetValues(incident: Incident): { facet: string; value: string }[] {
  const f = incident.facts;
  const out = [
    ...incident.topics.map((t) => ({ facet: 'topic', value: t })),
    ...[f.type, f.subType]
      .filter((x): x is string => Boolean(x))
      .map((t) => ({ facet: 'type', value: t })),
    ...[f.location.place, f.location.admin1, f.location.country]
      .filter((x): x is string => Boolean(x))
      .map((p) => ({ facet: 'place', value: p })),
    ...f.actors.map((a) => ({ facet: 'actor', value: a.name })),
  ];
  return out.map((x) => ({ facet: x.facet, value: norm(x.value) }));
}

function searchWords(incident: Incident): string[] {
  const f = incident.facts;
  const text = [
    incident.headline,
    incident.summary,
    f.location.place,
    f.location.admin1,
    f.location.country,
  ]
    .concat(f.actors.map((a) => a.name))
    .filter(Boolean)
    .join(' ');
  return [...new Set(contentWords(text))].slice(0, 80);
}

export function createRedisIncidentStore(
  redis: Redis,
  options: RedisIncidentStoreOptions,
): IncidentStore {
  const p = options.prefix;
  const scanLimit = options.scanLimit ?? 1000;
  const itemKey = (id: string) => `${p}:incident:${id}`;
  const timeKey = `${p}:incidents:time`;
  const facetKey = (facet: string, value: string) => `${p}:incidents:${facet}:${value}`;
  const indexesKey = `${p}:incidents:indexes`;
  const revisionsKey = `${p}:incidents:revisions`;

  async function load(ids: readonly string[]): Promise<(Incident | null)[]> {
    if (ids.length === 0) return [];
    const pipe = redis.pipeline();
    for (const id of ids) pipe.hget(itemKey(id), 'json');
    const res = (await pipe.exec()) ?? [];
    return res.map(([, v]) => (typeof v === 'string' ? (JSON.parse(v) as Incident) : null));
  }

  /** Ids from an index, newest first, in pages; stops when `want` incidents passed `keep`. */
  async function collect(
    key: string,
    since: number | string,
    want: number,
    keep: (i: Incident) => boolean,
  ): Promise<Incident[]> {
    const out: Incident[] = [];
    const page = Math.min(Math.max(want * 2, 20), scanLimit);
    for (let offset = 0; offset < scanLimit && out.length < want; offset += page) {
      const ids = await redis.zrevrangebyscore(key, '+inf', since, 'LIMIT', offset, page);
      if (ids.length === 0) break;
      const found = await load(ids);
      found.forEach((inc) => {
        if (inc && keep(inc) && out.length < want) out.push(inc);
      });
      if (ids.length < page) break;
    }
    return out;
  }

  return {
    async save(incident, expectedVersion, expectedRevision = ''): Promise<SaveResult> {
      const indexes = [
        timeKey,
        ...facetValues(incident).map((f) => facetKey(f.facet, f.value)),
        ...searchWords(incident).map((w) => facetKey('word', w)),
      ];
      const ok = await redis.eval(
        SAVE_SCRIPT,
        3 + indexes.length,
        itemKey(incident.id),
        indexesKey,
        revisionsKey,
        ...indexes,
        expectedVersion === null ? '' : String(expectedVersion),
        JSON.stringify(incident),
        String(incident.version),
        String(options.retentionMs),
        String(Date.parse(incident.updatedAt)),
        incident.id,
        expectedRevision,
      );
      // The save's revision (1 or more), or 0: the version or revision moved meanwhile.
      const revision = Number(ok);
      return revision > 0
        ? { ok: true, revision: String(revision) }
        : { ok: false, reason: 'conflict' };
    },

    async get(id) {
      const [inc] = await load([id]);
      return inc ?? null;
    },

    getMany: load,

    async recentRevisions(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 20, 1), RECENT_REVISIONS_MAX);
      const since = query.since ? String(query.since.getTime()) : '-inf';
      const flat = (await redis.eval(
        REVISIONS_SCRIPT,
        2,
        timeKey,
        revisionsKey,
        since,
        String(limit),
      )) as string[];
      const out: { id: string; revision: string }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2)
        out.push({ id: flat[i] ?? '', revision: flat[i + 1] ?? '' });
      return out;
    },

    async recent(query = {}) {
      const limit = Math.min(Math.max(query.limit ?? 20, 1), scanLimit);
      const facet = query.topic
        ? facetKey('topic', norm(query.topic))
        : query.actor
          ? facetKey('actor', norm(query.actor))
          : query.place
            ? facetKey('place', norm(query.place))
            : query.type
              ? facetKey('type', norm(query.type))
              : timeKey;
      const since = query.since ? query.since.getTime() : '-inf';
      return collect(facet, since, limit, (i) => matchesQuery(i, query));
    },

    async search(text, opts = {}) {
      const words = [...new Set(contentWords(text))];
      if (words.length === 0) return [];
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
      const since = opts.since ? opts.since.getTime() : Number.NEGATIVE_INFINITY;
      const sizes = await Promise.all(words.map((w) => redis.zcard(facetKey('word', w))));
      const rarest = words[sizes.indexOf(Math.min(...sizes))] ?? words[0] ?? '';
      const needed = words.filter((w) => w !== rarest);
      const hit = async (inc: Incident) => {
        const scores = await Promise.all(
          needed.map((w) => redis.zscore(facetKey('word', w), inc.id)),
        );
        return scores.every((s) => s !== null);
      };
      const candidates = await collect(facetKey('word', rarest), since, scanLimit, () => true);
      const out: Incident[] = [];
      for (const c of candidates) {
        if (out.length >= limit) break;
        if (await hit(c)) out.push(c);
      }
      return out;
    },

    async prune(now) {
      const cutoff = now.getTime() - options.retentionMs;
      const old = await redis.zrangebyscore(timeKey, '-inf', `(${cutoff}`);
      const indexes = await redis.smembers(indexesKey);
      const pipe = redis.pipeline();
      for (const id of old) pipe.del(itemKey(id));
      if (old.length > 0) pipe.hdel(revisionsKey, ...old);
      for (const k of indexes) pipe.zremrangebyscore(k, '-inf', `(${cutoff}`);
      await pipe.exec();
      return old.length;
    },
  };
}
