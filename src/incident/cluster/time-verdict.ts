/**
 * How a report's times relate to an open incident's: a veto (different days, or outside the
 * window), dated (the times confirm the window), undated (nothing to compare) or a late follow-up.
 */
import type { ClusterConfig } from './cluster-config.js';
import type { IncidentFeatures } from './incident-features.js';
import type { ReportFeatures } from './report-features.js';

/**
 * 'veto' when the report cannot be this incident; 'dated' when times confirm; 'undated' when
 * there is nothing to compare; 'late' for a follow-up after the window (see `lateFollowUp`).
 */
export type TimeVerdict = 'veto' | 'dated' | 'undated' | 'late';

/** The smallest distance from `t` to any of the times (∞ when there are none). */
export function minGap(t: number, ...lists: (readonly number[])[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const times of lists) for (const x of times) best = Math.min(best, Math.abs(t - x));
  return best;
}

/** A week-precision date against day-precision ones (either side), or null when neither. */
function weekVerdict(
  r: ReportFeatures,
  inc: IncidentFeatures,
  cfg: ClusterConfig,
): TimeVerdict | null {
  let gap: number | null = null;
  if (r.eventDay === null && r.eventWeek !== null && inc.eventDays.length > 0)
    gap = minGap(r.eventWeek, inc.eventDays);
  else if (r.eventDay !== null && inc.eventDays.length === 0 && inc.eventWeeks.length > 0)
    gap = minGap(r.eventDay, inc.eventWeeks);
  if (gap === null) return null;
  return gap > cfg.eventWeekTolerance ? 'veto' : 'dated';
}

/** The publish-time window (±windowMs around the incident's dates and times). */
function windowVerdict(r: ReportFeatures, inc: IncidentFeatures, cfg: ClusterConfig): TimeVerdict {
  const t = r.eventDay ?? r.published;
  const span = inc.span;
  if (t !== null && span && (t < span[0] - cfg.window || t > span[1] + cfg.window)) return 'veto';
  const dated = inc.eventDays.length + inc.times.length > 0;
  if (t !== null && dated)
    return minGap(t, inc.eventDays, inc.times) > cfg.window ? 'veto' : 'dated';
  const rough = t ?? r.approx;
  if (rough === null || (!dated && inc.approxTimes.length === 0)) return 'undated';
  const gap = minGap(rough, inc.eventDays, inc.times, inc.approxTimes);
  return gap > cfg.approxWindow ? 'veto' : 'undated';
}

/** An undated follow-up published after the incident, within the follow-up window. */
function lateFollowUp(r: ReportFeatures, inc: IncidentFeatures, cfg: ClusterConfig): boolean {
  if (!r.followUp || r.eventDay !== null || r.eventWeek !== null) return false;
  const t = r.published;
  const span = inc.span;
  return t !== null && span !== null && t >= span[0] && t <= span[1] + cfg.followUpWindow;
}

/** How the report's times relate to the incident's (see TimeVerdict). */
export function timeVerdict(
  r: ReportFeatures,
  inc: IncidentFeatures,
  cfg: ClusterConfig,
): TimeVerdict {
  if (r.eventDay !== null && inc.eventDays.length > 0) {
    return minGap(r.eventDay, inc.eventDays) > cfg.eventDayLimit ? 'veto' : 'dated';
  }
  const week = weekVerdict(r, inc, cfg);
  if (week) return week;
  const verdict = windowVerdict(r, inc, cfg);
  return verdict === 'veto' && lateFollowUp(r, inc, cfg) ? 'late' : verdict;
}
