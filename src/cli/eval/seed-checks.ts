/**
 * Extraction checks on the seed articles (../shared/seeds, read by path; never copied). The
 * expectations were written by reading each article; the publish dates are assumptions stated
 * here so that relative dates ("on Sunday night", "on Thursday") can be checked.
 */
import type { IncidentFacts, Side } from '../../domain/incident.js';

export interface SeedExpectation {
  /** File name prefix in the seeds directory. */
  readonly file: string;
  readonly about: string;
  /** Assumed publish time for the date check. */
  readonly published: string;
  readonly checks: readonly { readonly what: string; readonly ok: (f: IncidentFacts) => boolean }[];
}

const killed = (f: IncidentFacts, side: Side) => f.casualties.find((c) => c.side === side)?.killed;
const injured = (f: IncidentFacts, side: Side) =>
  f.casualties.find((c) => c.side === side)?.injured;

export const SEED_EXPECTATIONS: readonly SeedExpectation[] = [
  {
    file: '000_',
    about: '2020 ISIS raid, two US soldiers killed',
    published: '2020-03-09T12:00:00Z',
    checks: [
      { what: 'type Battles', ok: (f) => f.type === 'Battles' },
      { what: '2 US killed', ok: (f) => killed(f, 'us')?.min === 2 && killed(f, 'us')?.max === 2 },
      {
        what: 'no US injured (the injured are from an earlier attack)',
        ok: (f) => injured(f, 'us')?.min == null,
      },
      { what: '5,200 is a troop figure', ok: (f) => f.troops === 5200 },
      { what: 'country Iraq', ok: (f) => f.location.country === 'Iraq' },
      { what: 'event date: Sunday before publication', ok: (f) => f.eventDate === '2020-03-08' },
    ],
  },
  {
    file: '001_',
    about: 'Anbar raid (first outlet)',
    published: '2024-08-31T12:00:00Z',
    checks: [
      { what: 'type Battles', ok: (f) => f.type === 'Battles' },
      { what: 'at least 15 ISIS killed', ok: (f) => killed(f, 'isis')?.min === 15 },
      { what: '7 US injured', ok: (f) => injured(f, 'us')?.min === 7 },
      { what: 'no US killed', ok: (f) => killed(f, 'us')?.min == null },
      {
        what: 'Anbar, Iraq',
        ok: (f) => f.location.admin1 === 'Anbar' && f.location.country === 'Iraq',
      },
      { what: '2,500 is a troop figure', ok: (f) => f.troops === 2500 },
      { what: 'event date: Thursday 2024-08-29', ok: (f) => f.eventDate === '2024-08-29' },
    ],
  },
  {
    file: '002_',
    about: 'Anbar raid (second outlet)',
    published: '2024-08-31T12:00:00Z',
    checks: [
      { what: 'type Battles', ok: (f) => f.type === 'Battles' },
      { what: '15 ISIS killed', ok: (f) => killed(f, 'isis')?.min === 15 },
      { what: '7 US injured', ok: (f) => injured(f, 'us')?.min === 7 },
      {
        what: 'no civilian casualties',
        ok: (f) => !f.casualties.some((c) => c.side === 'civilian'),
      },
      { what: 'country Iraq', ok: (f) => f.location.country === 'Iraq' },
      {
        what: 'actors: US forces, ISF, ISIS',
        ok: (f) => ['us', 'partner', 'isis'].every((s) => f.actors.some((a) => a.side === s)),
      },
    ],
  },
  {
    file: '003_',
    about: 'drone attacks near Ain al-Asad (Jan 2022)',
    published: '2022-01-14T12:00:00Z',
    checks: [
      { what: 'Air/drone strike', ok: (f) => f.subType === 'Air/drone strike' },
      {
        what: 'place Ain al-Asad (Anbar, Iraq)',
        ok: (f) => f.location.place === 'Ain al-Asad' && f.location.admin1 === 'Anbar',
      },
      { what: 'no casualties', ok: (f) => f.casualties.length === 0 },
      { what: '2,500 is a troop figure', ok: (f) => f.troops === 2500 },
    ],
  },
  {
    file: '004_',
    about: "Iraq condemns the US strike on a Kata'ib Hezbollah commander (Feb 2024)",
    published: '2024-02-08T12:00:00Z',
    checks: [
      { what: 'Political statement', ok: (f) => f.type === 'Political statement' },
      { what: 'place Baghdad', ok: (f) => f.location.place === 'Baghdad' },
      {
        what: "actor Kata'ib Hezbollah (militia)",
        ok: (f) => f.actors.some((a) => a.name === "Kata'ib Hezbollah" && a.side === 'militia'),
      },
      { what: 'a militia commander killed', ok: (f) => (killed(f, 'militia')?.min ?? 0) >= 1 },
      { what: 'no US casualties', ok: (f) => !f.casualties.some((c) => c.side === 'us') },
      { what: '2,500 is a troop figure', ok: (f) => f.troops === 2500 },
    ],
  },
];
