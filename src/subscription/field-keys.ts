/**
 * Field keys shared by the query parser and the incident side, so that a field filter is a set
 * look-up: `type:drone`, `side:american`, `place:"Ain al Asad"` and the incident's facts are
 * reduced to the same normalised keys (gazetteer aliases to `id:<gazetteer id>`).
 */
import type { EventType, Side } from '../domain/incident.js';
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { normaliseText } from '../gazetteer/normalise.js';

/** "Explosions/Remote violence" → "explosions-remote-violence". */
export function slug(text: string): string {
  return normaliseText(text).replace(/ /g, '-');
}

const TYPE_NAMES: Record<EventType, readonly string[]> = {
  Battles: ['battles', 'battle', 'clash', 'clashes'],
  'Explosions/Remote violence': ['explosions', 'explosion', 'remote-violence', 'remote'],
  'Violence against civilians': ['violence-against-civilians', 'civilians'],
  'Strategic developments': ['strategic-developments', 'strategic'],
  'Political statement': ['political-statement', 'political', 'statement'],
};

/** Keys an incident of this type and sub-type answers to: `type:explosions`, `type:drone`. */
export function typeKeys(type: EventType | null, subType: string | null): string[] {
  const keys: string[] = [];
  if (type) keys.push(slug(type), ...TYPE_NAMES[type]);
  if (subType) keys.push(slug(subType), ...normaliseText(subType).split(' '));
  return keys.filter((k) => k.length > 0);
}

const SIDE_ALIASES: Record<string, Side> = {
  american: 'us',
  americans: 'us',
  usa: 'us',
  'us-forces': 'us',
  'islamic-state': 'isis',
  isil: 'isis',
  daesh: 'isis',
  is: 'isis',
  militias: 'militia',
  civilians: 'civilian',
  partners: 'partner',
  iranian: 'iran',
};

/** `side:Americans` → "us"; unknown names pass through slugged. */
export function sideKey(value: string): string {
  const s = slug(value);
  return SIDE_ALIASES[s] ?? s;
}

/** A place or actor name as a key: the gazetteer id when it knows the name, else the name. */
export function entityKey(name: string, gazetteer: Gazetteer | undefined): string {
  const ref = gazetteer?.lookup(name);
  return ref ? `id:${ref.entry.id}` : `n:${normaliseText(name)}`;
}

/** Topic names compare slugged: "Militia attacks" = "militia-attacks". */
export function topicKey(value: string): string {
  return slug(value);
}
