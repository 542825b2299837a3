/**
 * What a query can see of an incident, computed once per incident: its normalised words (headline,
 * summary, source titles), the gazetteer entities mentioned or named in its facts, its field keys
 * and casualty totals, and the index keys it answers to.
 */
import type { Incident } from '../domain/incident.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { normaliseText } from '../gazetteer/normalise.js';
import { entityKey, sideKey, topicKey, typeKeys } from './field-keys.js';
import type { QueryField } from './query.js';

export interface IncidentFeatures {
  /** Normalised words joined by spaces, padded with a space at both ends; fields split by "|". */
  readonly text: string;
  readonly words: ReadonlySet<string>;
  /** Gazetteer ids of actors and places the incident mentions or names in its facts. */
  readonly entities: ReadonlySet<string>;
  readonly fields: Readonly<Record<QueryField, ReadonlySet<string>>>;
  /** Killed / injured over all sides, the conservative (minimum) figure. */
  readonly killed: number;
  readonly injured: number;
  /** Every index key the incident answers to (see subscription-index.ts). */
  readonly keys: readonly string[];
}

/** The text a query's words are matched against. */
export function incidentText(incident: Incident): string[] {
  return [incident.headline, incident.summary, ...incident.sources.map((s) => s.title)];
}

function figure(r: { min: number | null; max: number | null }): number {
  return r.min ?? r.max ?? 0;
}

function placeKeys(incident: Incident, gazetteer: Gazetteer | undefined): Set<string> {
  const loc = incident.facts.location;
  const keys = new Set<string>();
  if (loc.id) keys.add(`id:${loc.id}`);
  for (const name of [loc.place, loc.admin1, loc.country]) {
    if (!name) continue;
    keys.add(entityKey(name, gazetteer));
    keys.add(`n:${normaliseText(name)}`);
  }
  return keys;
}

function actorKeys(incident: Incident, gazetteer: Gazetteer | undefined): Set<string> {
  const keys = new Set<string>();
  for (const a of incident.facts.actors) {
    if (a.id) keys.add(`id:${a.id}`);
    keys.add(entityKey(a.name, gazetteer));
    keys.add(`n:${normaliseText(a.name)}`);
  }
  return keys;
}

function entityIds(
  incident: Incident,
  text: string,
  gazetteer: Gazetteer | undefined,
  places: ReadonlySet<string>,
  actors: ReadonlySet<string>,
): Set<string> {
  const ids = new Set<string>();
  for (const m of gazetteer?.findMentions(text) ?? []) ids.add(m.ref.entry.id);
  for (const k of [...places, ...actors]) if (k.startsWith('id:')) ids.add(k.slice(3));
  if (incident.facts.location.id) ids.add(incident.facts.location.id);
  return ids;
}

function indexKeys(f: Omit<IncidentFeatures, 'keys' | 'text'>): string[] {
  // Exact keys (entities, fields) first: a subscription hit through one is never re-verified.
  const keys: string[] = [];
  for (const e of f.entities) keys.push(`e:${e}`);
  for (const [field, values] of Object.entries(f.fields)) {
    for (const v of values) keys.push(`f:${field}:${v}`);
  }
  if (f.killed > 0) keys.push('c:killed');
  if (f.injured > 0) keys.push('c:injured');
  for (const w of f.words) keys.push(`w:${w}`);
  return keys;
}

export function incidentFeatures(incident: Incident, gazetteer?: Gazetteer): IncidentFeatures {
  const parts = incidentText(incident);
  const normalised = parts.map((p) => normaliseText(p)).filter(Boolean);
  const text = ` ${normalised.join(' | ')} `;
  const words = new Set(normalised.flatMap((p) => p.split(' ')));
  const place = placeKeys(incident, gazetteer);
  const actor = actorKeys(incident, gazetteer);
  const facts = incident.facts;
  const sides = [...facts.actors.map((a) => a.side), ...facts.casualties.map((c) => c.side)];
  const base = {
    words,
    entities: entityIds(incident, parts.join('\n'), gazetteer, place, actor),
    fields: {
      topic: new Set(incident.topics.map(topicKey)),
      type: new Set(typeKeys(facts.type, facts.subType)),
      place,
      actor,
      side: new Set(sides.map(sideKey)),
    },
    killed: facts.casualties.reduce((n, c) => n + figure(c.killed), 0),
    injured: facts.casualties.reduce((n, c) => n + figure(c.injured), 0),
  };
  return { ...base, text, keys: indexKeys(base) };
}
