/**
 * Does a report belong to an open incident? Vetoes first (time window, places, event family),
 * then a score: text cosine + entity overlap + compatible casualties + same sub-type.
 */
import type { Casualty, EventType } from '../domain/incident.js';
import type { ReportFeatures } from './report-features.js';
import { cosine, jaccard, type TermVector } from './text-similarity.js';

/** What the clusterer knows about an open incident. */
export interface IncidentFeatures {
  readonly vector: TermVector;
  readonly shingleSets: readonly ReadonlySet<string>[];
  readonly urls: ReadonlySet<string>;
  readonly entities: ReadonlySet<string>;
  readonly countries: ReadonlySet<string>;
  readonly type: EventType | null;
  readonly subType: string | null;
  readonly casualties: readonly Casualty[];
  readonly eventDays: readonly number[];
  readonly times: readonly number[];
  /** Earliest and latest of eventDays and times (a fast window check), or null. */
  readonly span: readonly [number, number] | null;
  /** Month-precision times of reports with nothing finer. */
  readonly approxTimes: readonly number[];
  readonly locationId: string | undefined;
  readonly locationAdmin1: string | null;
  readonly locationPrecision: string;
}

export interface ClusterConfig {
  /** Window around the event date or publish time (ms). */
  readonly windowMs: number;
  /** Two day-precision event dates further apart than this are different events (ms). */
  readonly eventDayToleranceMs: number;
  /** Join threshold when the times confirm the window. */
  readonly joinScore: number;
  /** Join threshold when either side has no date. */
  readonly joinScoreUndated: number;
  /** Title+lead shingle Jaccard at or above which a report is a copy. */
  readonly duplicateShingles: number;
  /** Window for month-precision times (ms). */
  readonly approxWindowMs: number;
}

export const DEFAULT_CLUSTER_CONFIG: ClusterConfig = {
  windowMs: 72 * 3_600_000,
  eventDayToleranceMs: 86_400_000,
  joinScore: 0.34,
  joinScoreUndated: 0.45,
  duplicateShingles: 0.8,
  approxWindowMs: 45 * 86_400_000,
};

const VIOLENT = new Set<EventType>([
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
]);

function minGap(t: number, ...lists: (readonly number[])[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const times of lists) for (const x of times) best = Math.min(best, Math.abs(t - x));
  return best;
}

/** 'veto' when the report cannot be this incident; 'dated' when times confirm; else 'undated'. */
export function timeVerdict(
  r: ReportFeatures,
  inc: IncidentFeatures,
  cfg: ClusterConfig,
): 'veto' | 'dated' | 'undated' {
  if (r.eventDay !== null && inc.eventDays.length > 0) {
    return minGap(r.eventDay, inc.eventDays) > cfg.eventDayToleranceMs ? 'veto' : 'dated';
  }
  const t = r.eventDay ?? r.published;
  const span = inc.span;
  if (t !== null && span && (t < span[0] - cfg.windowMs || t > span[1] + cfg.windowMs))
    return 'veto';
  const dated = inc.eventDays.length + inc.times.length > 0;
  if (t !== null && dated)
    return minGap(t, inc.eventDays, inc.times) > cfg.windowMs ? 'veto' : 'dated';
  const rough = t ?? r.approx;
  if (rough === null || (!dated && inc.approxTimes.length === 0)) return 'undated';
  const gap = minGap(rough, inc.eventDays, inc.times, inc.approxTimes);
  return gap > cfg.approxWindowMs ? 'veto' : 'undated';
}

const SUBNATIONAL = new Set(['site', 'town', 'province']);

function placeVeto(r: ReportFeatures, inc: IncidentFeatures): boolean {
  if (r.countries.size > 0 && inc.countries.size > 0) {
    const shared = [...r.countries].some((c) => inc.countries.has(c));
    if (!shared) return true;
  }
  const rId = r.location.id;
  const a1 = r.location.admin1;
  if (
    a1 &&
    inc.locationAdmin1 &&
    a1 !== inc.locationAdmin1 &&
    SUBNATIONAL.has(r.location.precision)
  ) {
    const linked =
      (rId && inc.entities.has(`p:${rId}`)) ||
      (inc.locationId && r.entities.has(`p:${inc.locationId}`));
    if (!linked) return true;
  }
  if (
    r.location.precision === 'site' &&
    inc.locationPrecision === 'site' &&
    rId &&
    inc.locationId
  ) {
    return (
      rId !== inc.locationId &&
      !inc.entities.has(`p:${rId}`) &&
      !r.entities.has(`p:${inc.locationId}`)
    );
  }
  return false;
}

function typeVeto(a: EventType | null, b: EventType | null): boolean {
  if (a === null || b === null) return false;
  return VIOLENT.has(a) !== VIOLENT.has(b);
}

/** 1 when a side's figures agree, 0 when they clash, 0.5 when nothing to compare. */
function casualtyAgreement(a: readonly Casualty[], b: readonly Casualty[]): number {
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
  if (clash > 0) return 0;
  return agree > 0 ? 1 : 0.5;
}

/** The join score (0..1), or null when vetoed. */
export function clusterScore(r: ReportFeatures, inc: IncidentFeatures): number | null {
  if (placeVeto(r, inc) || typeVeto(r.type, inc.type)) return null;
  const text = cosine(r.vector, inc.vector);
  const entities = jaccard(r.entities, inc.entities);
  const casualties = casualtyAgreement(r.casualties, inc.casualties);
  const sub = r.subType === null || inc.subType === null ? 0.5 : r.subType === inc.subType ? 1 : 0;
  return 0.55 * text + 0.2 * entities + 0.15 * casualties + 0.1 * sub;
}
