/**
 * What went wrong in a chaos delivery run, one line per kind of problem (none: it passed):
 * an incident missing or posted twice at a destination, an item processed twice, a change
 * announced twice, announced although the first message showed it, or never announced, a
 * log line that is not JSON, and — in a run where no worker was killed — a Redis outage not
 * logged as exactly one "connection lost" warning and one "back" line.
 */
import type { DeliveryRunReport } from './delivery-run.js';

export function deliveryProblems(r: DeliveryRunReport): string[] {
  const a = r.announcements;
  const lists: [string, readonly unknown[]][] = [
    ['missing', r.missing],
    ['duplicated', r.duplicated],
    ['changes announced more than once', a.repeated],
    ['changes the first message showed, announced anyway', a.shownAndAnnounced],
    ['changes never announced', a.unannounced],
    ['reply lines naming no change', a.unexpected],
  ];
  const out = lists
    .filter(([, list]) => list.length > 0)
    .map(([what, list]) => `${what}: ${JSON.stringify(list)}`);
  if (r.itemsTwice > 0) out.push(`${r.itemsTwice} items processed twice`);
  if (r.logs.nonJson > 0)
    out.push(`${r.logs.nonJson} log lines not JSON, e.g. ${JSON.stringify(r.logs.nonJsonSamples)}`);
  const { outageWarnings, reconnects } = r.logs;
  if (r.kills === 0 && r.workerStarts === 1 && r.redisRestarts > 0)
    if (outageWarnings !== r.redisRestarts || reconnects !== r.redisRestarts)
      out.push(
        `${r.redisRestarts} Redis restarts logged as ${outageWarnings} "connection lost" and ` +
          `${reconnects} "back" lines`,
      );
  return out;
}
