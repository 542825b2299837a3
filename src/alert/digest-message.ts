/**
 * The digest: alerts held for a destination (quiet hours, hourly/daily mode, a burst), released
 * as one message. `buildDigest(held, incidents)` keeps the latest version of each incident.
 */
import type { HeldAlert, HoldReason } from '../domain/held-alert.js';
import type { Incident } from '../domain/incident.js';
import { incidentLine } from './incident-facts-text.js';

export interface DigestItem {
  readonly incidentId: string;
  readonly version: number;
  readonly line: string;
  readonly url?: string;
}

export interface DigestMessage {
  readonly title: string;
  readonly items: readonly DigestItem[];
  /** Incident ids and versions covered: record them as delivered. */
  readonly covers: readonly { incidentId: string; version: number }[];
  readonly fallback: string;
}

const TITLES: Record<HoldReason, string> = {
  'quiet-hours': 'While you were away',
  hourly: 'Hourly digest',
  daily: 'Daily digest',
  burst: 'Several incidents at once',
};

/** One digest of the held alerts; incidents no longer known are left out. */
export function buildDigest(
  held: readonly HeldAlert[],
  incidents: ReadonlyMap<string, Incident>,
): DigestMessage | undefined {
  const latest = new Map<string, Incident>();
  for (const h of held) {
    const incident = incidents.get(h.incidentId);
    if (incident) latest.set(incident.id, incident);
  }
  if (latest.size === 0) return undefined;
  const list = [...latest.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const reason = held[0]?.reason ?? 'hourly';
  const title = `${TITLES[reason]}: ${list.length} incident${list.length === 1 ? '' : 's'}`;
  const items = list.map((i) => ({
    incidentId: i.id,
    version: i.version,
    line: incidentLine(i),
    ...(i.sources[0] ? { url: i.sources[0].url } : {}),
  }));
  return {
    title,
    items,
    covers: items.map((i) => ({ incidentId: i.incidentId, version: i.version })),
    fallback: title,
  };
}
