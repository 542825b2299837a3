/** Whether the casualty figures of a report and an incident can be one event's. */
import type { Casualty } from '../../domain/incident.js';

type Kind = 'killed' | 'injured';

function highest(list: readonly Casualty[], kind: Kind): number | null {
  let best: number | null = null;
  for (const c of list) {
    const n = c[kind].min ?? c[kind].max;
    if (n !== null && (best === null || n > best)) best = n;
  }
  return best;
}

/** A follow-up's figure at or above the incident's (killed or injured): a revision upward. */
function revisesUp(report: readonly Casualty[], inc: readonly Casualty[]): boolean {
  return (['killed', 'injured'] as const).some((kind) => {
    const mine = highest(report, kind);
    const theirs = highest(inc, kind);
    return mine !== null && theirs !== null && mine >= theirs;
  });
}

export type CasualtyAgreement = 'agree' | 'clash' | 'neutral';

/**
 * Whether two casualty lists can be one event's: the same figure for a side agrees; killed
 * figures further apart than 2 and 2.5× clash. A follow-up revises the figures: an upward
 * revision agrees, and no difference clashes.
 */
export function casualtyAgreement(
  a: readonly Casualty[],
  b: readonly Casualty[],
  followUp: boolean,
): CasualtyAgreement {
  if (followUp) return revisesUp(a, b) ? 'agree' : 'neutral';
  let agree = 0;
  let clash = 0;
  for (const x of a) {
    const y = b.find((c) => c.side === x.side);
    const ka = x.killed.min ?? x.killed.max;
    const kb = y?.killed.min ?? y?.killed.max;
    if (ka === null || ka === undefined || kb === null || kb === undefined) continue;
    const hi = Math.max(ka, kb);
    const lo = Math.min(ka, kb);
    if (hi === lo) agree += 1;
    else if (hi - lo > 2 && hi > lo * 2.5) clash += 1;
  }
  if (clash > 0) return 'clash';
  return agree > 0 ? 'agree' : 'neutral';
}
