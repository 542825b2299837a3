/**
 * Distinct on-topic incidents for chaos runs: drone and rocket attacks on bases hosting US
 * forces in Iraq and Syria, one site and one day each, worded differently enough that the
 * clusterer keeps them apart (different bases veto a merge; the same base on days more than a
 * day apart too). Written for these tests; not taken from any corpus.
 */
import type { FeedItemFixture } from '../../support/feed-server.js';

interface Site {
  readonly name: string;
  readonly region: string;
}

const SITES: readonly Site[] = [
  { name: 'Ain al-Asad air base', region: 'Anbar province, western Iraq' },
  { name: 'Harir air base', region: 'the Kurdistan Region of Iraq' },
  { name: 'Erbil air base', region: 'Erbil, northern Iraq' },
  { name: 'Victory Base', region: 'near Baghdad airport' },
  { name: 'Camp Taji', region: 'north of Baghdad' },
  { name: 'Union III', region: 'the Green Zone in Baghdad' },
  { name: 'Balad Air Base', region: 'Salahuddin province' },
  { name: 'K1 base', region: 'Kirkuk province' },
  { name: 'Qayyarah Airfield West', region: 'Nineveh province' },
  { name: 'al-Tanf garrison', region: 'southeastern Syria' },
  { name: 'Tower 22', region: 'northeastern Jordan near the Syrian border' },
  { name: 'Conoco gas field base', region: 'Deir ez-Zor province, Syria' },
  { name: 'al-Omar oil field base', region: 'Deir ez-Zor province, Syria' },
  { name: 'Rumalyn Landing Zone', region: 'Hasakah province, Syria' },
  { name: 'al-Shaddadi', region: 'Hasakah province, Syria' },
  { name: 'Kobani Landing Zone', region: 'northern Syria' },
];

const WEAPONS = ['one-way attack drone', 'salvo of rockets', 'pair of explosive drones'];
const CLAIMS = [
  'The Islamic Resistance in Iraq claimed the attack in a Telegram statement.',
  "Kata'ib Hezbollah praised the attack but did not claim it.",
  'No group immediately claimed responsibility; US officials blamed Iran-backed militias.',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31];

export interface ChaosIncident extends FeedItemFixture {
  /** What the fake chat platform can recognise in an alert (the item's link). */
  readonly key: string;
}

/** Day d (0-based) of an invented calendar: one site per incident, then the next day. */
function dateText(round: number): string {
  let day = 3 + round * 3;
  let m = 0;
  while (day > (MONTH_DAYS[m] ?? 31)) {
    day -= MONTH_DAYS[m] ?? 31;
    m += 1;
  }
  return `${MONTHS[m % MONTHS.length] ?? 'March'} ${day}, 2026`;
}

interface Parts {
  readonly site: Site;
  readonly hurt: number;
  readonly weapon: string;
  readonly when: string;
}

/** What incident `i` is: the base, the number hurt, the weapon and the day. */
function partsOf(i: number): Parts {
  return {
    site: SITES[i % SITES.length] as Site,
    hurt: 1 + ((i * 7) % 5),
    weapon: WEAPONS[i % WEAPONS.length] ?? 'drone',
    when: dateText(Math.floor(i / SITES.length)),
  };
}

/** `n` distinct incidents; item `i` is published `i` seconds before `now` (all fresh). */
export function chaosIncidents(n: number, runId: string, now = Date.now()): ChaosIncident[] {
  return Array.from({ length: n }, (_, i) => {
    const { site, hurt, weapon, when } = partsOf(i);
    const link = `https://wire.example.test/${runId}/attack-${i}`;
    return {
      key: link,
      guid: `${runId}-${i}`,
      title: `${capitalise(weapon)} hits ${site.name}, ${hurt} US service members hurt`,
      summary:
        `A ${weapon} struck ${site.name} in ${site.region} on ${when}, injuring ${hurt} ` +
        `American troops, US officials said. ${CLAIMS[i % CLAIMS.length] ?? ''}`,
      link,
      pubDate: new Date(now - i * 1000),
    };
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A second outlet's report of the same incident (same site, day and figures, other words). */
export function secondReport(incident: ChaosIncident, i: number): ChaosIncident {
  const link = `${incident.link}-second`;
  const { site, hurt } = partsOf(i);
  return {
    ...incident,
    key: link,
    guid: `${incident.guid}-second`,
    link,
    title: `${hurt} American troops injured in attack on ${site.name}`,
    summary: `${incident.summary.split('. ')[0] ?? incident.summary}, a second outlet reported, citing a US defense official.`,
  };
}

/** A third outlet's report of the same incident (same site, day and figures, other words again). */
export function thirdReport(incident: ChaosIncident, i: number): ChaosIncident {
  const link = `${incident.link}-third`;
  const { site, hurt, weapon, when } = partsOf(i);
  return {
    ...incident,
    key: link,
    guid: `${incident.guid}-third`,
    link,
    title: `Pentagon confirms ${hurt} US personnel wounded at ${site.name}`,
    summary:
      `The Pentagon confirmed on ${when} that ${hurt} US service members were wounded when a ` +
      `${weapon} hit ${site.name} in ${site.region}; a spokesperson said all were treated.`,
  };
}
