/**
 * Seeded random incidents and subscription queries in the style of the domain (invented
 * vocabulary), for the index-equals-brute-force test and the subscription bench.
 */
import { EVENT_TYPES, type Side } from '../../src/domain/incident.js';
import type { Incident } from '../../src/domain/incident.js';
import type { GazetteerInput } from '../../src/gazetteer/gazetteer-data.js';
import { seededRandom, type Random } from '../../src/cli/seeded-random.js';
import { casualty, makeIncident } from './make-incident.js';

export { seededRandom, type Random };

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

export const WORDS = (
  'drone rocket missile strike raid attack base convoy militia militants fighters troops soldiers ' +
  'service members contractor wounded injured killed dead casualties commander leader cell ' +
  'operation operations joint partner forces coalition embassy withdrawal parliament vote ' +
  'condemned sovereignty talks negotiations mission airstrike airstrikes retaliation depot ' +
  'weapons warehouse truck checkpoint desert valley border camp prison detainees hideout ' +
  'tunnel ambush ied explosive roadside suicide bomber vehicle patrol helicopter crash ' +
  'accident training advisers intelligence official statement spokesman pentagon centcom ' +
  'baghdad northern southern eastern western province city village oil field dam bridge ' +
  'artillery shelling mortar intercepted defence system sirens alert evacuation hospital ' +
  'funeral tribal sheikh governor minister prime president envoy sanctions iran iranian ' +
  'proxy proxies backed group groups claim claimed responsibility denied video footage'
).split(' ');

const ALIASES = [
  "Kata'ib Hezbollah",
  'Kataib Hizbollah',
  'Kataeb Hezbollah',
  'Islamic State',
  'ISIS',
  'Daesh',
  'US forces',
  'American troops',
  'Hezbollah',
  'Ain al-Asad',
  'Ayn al-Asad',
  'Anbar',
  'Iraq',
  'Syria',
  'al-Tanf',
  'Erbil',
  'Arbil',
];
/** Invented villages and brigades: the long tail of names that specific subscriptions follow. */
const VILLAGES = 150;
const BRIGADES = 100;
export function corpusGazetteerExtras(): GazetteerInput {
  return {
    actors: Array.from({ length: BRIGADES }, (_, n) => ({
      id: `brigade-${n}`,
      name: `Brigade ${n}`,
      side: 'militia' as const,
      aliases: [`Liwa ${n}`],
    })),
    places: Array.from({ length: VILLAGES }, (_, n) => ({
      id: `village-${n}`,
      name: `Village ${n}`,
      type: 'town' as const,
      country: n % 2 ? 'Iraq' : 'Syria',
      aliases: [`Qaryat ${n}`],
    })),
  };
}

function tailName(r: Random): string {
  const n = Math.floor(r() * r() * (VILLAGES + BRIGADES));
  const v = n < VILLAGES;
  return `${v ? (r() < 0.5 ? 'Village' : 'Qaryat') : r() < 0.5 ? 'Brigade' : 'Liwa'} ${v ? n : n - VILLAGES}`;
}

function uniformName(r: Random): string {
  const n = Math.floor(r() * (VILLAGES + BRIGADES));
  return n < VILLAGES ? `Village ${n}` : `Brigade ${n - VILLAGES}`;
}

const TOPICS = ['casualties', 'counter-isis', 'militia-attacks', 'us-strikes', 'presence-politics'];
const SIDES: Side[] = ['us', 'coalition', 'partner', 'isis', 'militia', 'iran', 'civilian'];
const SUBTYPES = [
  'Air/drone strike',
  'Armed clash',
  'Shelling/artillery/missile attack',
  'Remote explosive/landmine/IED',
  'Agreement',
];
const PLACES = [
  { place: 'Ain al-Asad', admin1: 'Anbar', country: 'Iraq', id: 'ain-al-asad' },
  { place: 'Erbil', admin1: 'Erbil', country: 'Iraq', id: 'erbil' },
  { place: 'al-Tanf', admin1: 'Homs', country: 'Syria', id: 'al-tanf' },
  { place: 'Deir ez-Zor', admin1: 'Deir ez-Zor', country: 'Syria' },
  { place: null, admin1: null, country: 'Iraq', id: 'iraq' },
];
const ACTORS = [
  { name: "Kata'ib Hezbollah", side: 'militia' as const, id: 'kataib-hezbollah' },
  { name: 'Islamic State', side: 'isis' as const, id: 'isis' },
  { name: 'US forces', side: 'us' as const, id: 'us-forces' },
  { name: 'Iraqi Security Forces', side: 'partner' as const },
];

/** Incident words follow a Zipf-like law: a few words are common, most are rare. */
function zipfWord(r: Random): string {
  return WORDS[Math.floor(r() * r() * r() * WORDS.length)] as string;
}

/** The long tail of everyday words that no subscription is about (invented: "lw1234"). */
const LONG_TAIL = 5000;
function tailWord(r: Random): string {
  return `lw${Math.floor(r() * r() * LONG_TAIL)}`;
}

function sentence(r: Random, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const x = r();
    if (x < 0.01) words.push(pick(r, ALIASES));
    else if (x < 0.03) words.push(tailName(r));
    else words.push(x < 0.45 ? zipfWord(r) : tailWord(r));
  }
  return words.join(' ');
}

function some<T>(r: Random, xs: readonly T[], p: number): T[] {
  return xs.filter(() => r() < p);
}

export function randomIncident(r: Random, i: number): Incident {
  const loc = pick(r, PLACES);
  return makeIncident({
    id: `inc-${i}`,
    headline: sentence(r, 6, 12),
    summary: `${sentence(r, 15, 30)}. ${sentence(r, 8, 20)}.`,
    topics: some(r, TOPICS, 0.25),
    type: r() < 0.1 ? null : pick(r, EVENT_TYPES),
    subType: r() < 0.3 ? null : pick(r, SUBTYPES),
    actors: some(r, ACTORS, 0.2),
    location: { ...loc, precision: 'town' },
    casualties: some(r, SIDES, 0.2).map((s) =>
      casualty(s, r() < 0.5 ? Math.floor(r() * 6) : null, r() < 0.5 ? Math.floor(r() * 9) : null),
    ),
    sources: Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ title: sentence(r, 5, 10) })),
  });
}

const word = (r: Random): string =>
  r() < 0.7 ? pick(r, WORDS) : `lw${Math.floor(r() * LONG_TAIL)}`;
const alias = (r: Random): string => {
  const a = r() < 0.3 ? pick(r, ALIASES) : uniformName(r);
  return r() < 0.5 ? `"${a}"` : a;
};
const topic = (r: Random): string => `topic:${pick(r, TOPICS)}`;
const threshold = (r: Random): string =>
  `${pick(r, ['killed', 'injured'])}${pick(r, ['>=', '>', '>=', '='])}${1 + Math.floor(r() * 4)}`;
const field = (r: Random): string => {
  const x = r();
  if (x < 0.35) return `place:"${pick(r, ALIASES.slice(9))}"`;
  if (x < 0.6) return `actor:"${pick(r, ALIASES.slice(0, 9))}"`;
  if (x < 0.8) return `type:${pick(r, ['drone', 'battles', 'explosions', 'political', 'ied'])}`;
  return `side:${pick(r, SIDES)}`;
};
const term = (r: Random): string => {
  const x = r();
  if (x < 0.4) return word(r);
  if (x < 0.7) return alias(r);
  if (x < 0.85) return field(r);
  return `"${word(r)} ${word(r)}"`;
};

/**
 * A random subscription, in a mix people plausibly keep: topics (with a threshold or a place),
 * an actor or place, word combinations, OR groups, exclusions, and rarely a pure negation.
 */
export function randomQuery(r: Random): string {
  const x = r();
  if (x < 0.1) return topic(r);
  if (x < 0.2) return `${topic(r)} ${r() < 0.5 ? threshold(r) : field(r)}`;
  if (x < 0.45) return alias(r);
  if (x < 0.6) return `${term(r)} ${term(r)}`;
  if (x < 0.7) return `${alias(r)} ${word(r)}`;
  if (x < 0.8) return `(${term(r)} OR ${term(r)}) ${term(r)}`;
  if (x < 0.9) return `${term(r)} -${term(r)}`;
  if (x < 0.93) return `${term(r)} OR ${term(r)}`;
  if (x < 0.97) return `${field(r)} ${threshold(r)}`;
  if (x < 0.995) return `(${term(r)} ${term(r)}) OR (${field(r)} -${term(r)})`;
  return `NOT (${term(r)} OR ${term(r)})`;
}

const TAIL_WORD_RANKS = Array.from({ length: LONG_TAIL }, (_, i) => (i * 7919) % LONG_TAIL);

/** Zipf-like pick: item k (0-based) drawn with weight ~1/(k+1). */
function zipfPick<T>(r: Random, xs: readonly T[]): T {
  const k = Math.floor(Math.exp(r() * Math.log(xs.length + 1))) - 1;
  return xs[Math.min(xs.length - 1, k)] as T;
}

/** The long tail of names specific subscriptions follow (villages, brigades, any alias). */
const TAIL_NAMES = Array.from({ length: VILLAGES + BRIGADES }, (_, i) => {
  const n = (i * 97) % (VILLAGES + BRIGADES); // rank independent of the name's number
  const [a, b, m] = n < VILLAGES ? ['Village', 'Qaryat', n] : ['Brigade', 'Liwa', n - VILLAGES];
  return `${n % 3 ? a : b} ${m}`;
});
/** Mostly the long tail; 15% a well-known actor or place (some match many incidents). */
const specificName = (r: Random): string =>
  `"${r() < 0.15 ? pick(r, ALIASES) : zipfPick(r, TAIL_NAMES)}"`;
/** Mostly a long-tail word; 15% a domain word (some, like "drone", are very common). */
const specificWord = (r: Random): string =>
  r() < 0.15 ? pick(r, WORDS) : `lw${zipfPick(r, TAIL_WORD_RANKS)}`;
const specific = (r: Random): string => {
  const x = r();
  if (x < 0.5) return specificName(r);
  if (x < 0.85) return specificWord(r);
  return `"${specificWord(r)} ${specificWord(r)}"`;
};
const refinement = (r: Random): string => {
  const x = r();
  if (x < 0.3) return topic(r);
  if (x < 0.55) return `type:${pick(r, ['drone', 'battles', 'explosions', 'political', 'ied'])}`;
  if (x < 0.8) return threshold(r);
  return `side:${pick(r, SIDES)}`;
};

/** Shares of the realistic mix, by kind of subscription (documented in the bench output). */
export const REALISTIC_MIX = [
  ['one specific place, actor, word or phrase', 0.55],
  ['specific + topic/type/side/casualty refinement', 0.17],
  ['two specifics (AND, OR)', 0.1],
  ['specific with an exclusion', 0.06],
  ['place:/actor: field with a casualty threshold', 0.05],
  ['broad topic: (alone or with a threshold)', 0.03],
  ['anything else (the uniform random mix)', 0.04],
] as const;

/**
 * A subscription as real users keep them: most name something specific drawn Zipf-like from a
 * large vocabulary (gazetteer names, domain and long-tail words), some refine it, few are broad.
 */
export function realisticQuery(r: Random): string {
  const x = r();
  if (x < 0.55) return specific(r);
  if (x < 0.72) return `${specific(r)} ${refinement(r)}`;
  if (x < 0.82) return `${specific(r)}${r() < 0.5 ? ' OR ' : ' '}${specific(r)}`;
  if (x < 0.88) return `${specific(r)} -${specificWord(r)}`;
  if (x < 0.93) return `${field(r)} ${threshold(r)}`;
  if (x < 0.96) return r() < 0.5 ? topic(r) : `${topic(r)} ${threshold(r)}`;
  return randomQuery(r);
}
