/**
 * The weekly picture's message, platform-neutral: the map (rendered elsewhere) plus a title and
 * the five most significant incidents of the week, most significant first.
 */
import type { Incident } from '../domain/incident.js';
import { incidentLine } from './incident-facts-text.js';

export interface WeeklyMapMessage {
  readonly title: string;
  /** One line per incident, with the first source's link when there is one. */
  readonly top: readonly { readonly text: string; readonly url?: string }[];
  /** A plain-text fallback and alt text. */
  readonly altText: string;
}

export const TOP_INCIDENTS = 5;

function killed(i: Incident): number {
  return i.facts.casualties.reduce((n, c) => n + (c.killed.max ?? c.killed.min ?? 0), 0);
}

function injured(i: Incident): number {
  return i.facts.casualties.reduce((n, c) => n + (c.injured.max ?? c.injured.min ?? 0), 0);
}

/**
 * Most significant first: the dead weigh most, then the injured, then how widely it was
 * reported (outlets), then the extractor's confidence; ties keep the earlier incident first.
 */
export function bySignificance(incidents: readonly Incident[]): Incident[] {
  const score = (i: Incident) => [
    killed(i),
    injured(i),
    new Set(i.sources.map((s) => s.outlet)).size,
    i.confidence,
  ];
  return [...incidents].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let k = 0; k < sa.length; k += 1) {
      const d = (sb[k] ?? 0) - (sa[k] ?? 0);
      if (d !== 0) return d;
    }
    return a.firstSeen.localeCompare(b.firstSeen);
  });
}

export function buildWeeklyMapMessage(
  incidents: readonly Incident[],
  what: string,
  period: string,
): WeeklyMapMessage {
  const n = incidents.length;
  const title = `Weekly map: ${n} incident${n === 1 ? '' : 's'} (${what}), ${period}`;
  const top = bySignificance(incidents)
    .slice(0, TOP_INCIDENTS)
    .map((i) => {
      const url = i.sources[0]?.url;
      return { text: incidentLine(i), ...(url ? { url } : {}) };
    });
  const list = top.map((t, k) => `${k + 1}. ${t.text}`).join('\n');
  const altText =
    n === 0 ? `${title}. No incidents this week.` : `${title}. Most significant:\n${list}`;
  return { title, top, altText };
}
