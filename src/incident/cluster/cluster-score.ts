/**
 * Does a report belong to an open incident? Vetoes first (time window, places, event family),
 * then a score: text cosine + entity overlap + compatible casualties + same sub-type.
 */
import type { Casualty, EventType } from '../../domain/incident.js';
import { placeRelation } from './place-relation.js';
import { DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from './cluster-config.js';
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
  /** Week-precision event dates ("last week"). */
  readonly eventWeeks: readonly number[];
  readonly times: readonly number[];
  /** Earliest and latest of eventDays and times (a fast window check), or null. */
  readonly span: readonly [number, number] | null;
  /** Month-precision times of reports with nothing finer. */
  readonly approxTimes: readonly number[];
  readonly locationId: string | undefined;
  readonly locationAdmin1: string | null;
  readonly locationCountry: string | null;
  readonly locationPrecision: string;
}

/**
 * 'veto' when the report cannot be this incident; 'dated' when times confirm; 'undated' when
 * there is nothing to compare; 'late' for a follow-up after the window (see `lateFollowUp`).
 */
export type TimeVerdict = 'veto' | 'dated' | 'undated' | 'late';

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
    return minGap(r.eventDay, inc.eventDays) > cfg.eventDayTolerance ? 'veto' : 'dated';
  }
  const week = weekVerdict(r, inc, cfg);
  if (week) return week;
  const verdict = windowVerdict(r, inc, cfg);
  return verdict === 'veto' && lateFollowUp(r, inc, cfg) ? 'late' : verdict;
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

/**
 * 1 when a side's figures agree, 0 when they clash, 0.5 when nothing to compare. A follow-up
 * revises the figures: an upward revision agrees, and no difference clashes.
 */
function casualtyAgreement(a: readonly Casualty[], b: readonly Casualty[], followUp: boolean) {
  if (followUp) return revisesUp(a, b) ? 1 : 0.5;
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

/**
 * 1 same sub-type, 0 different, 0.5 unknown. When the event day anchors the pair, "Other" (the
 * weak fallback for a bare "attack") is unknown rather than different.
 */
function subTypeAgreement(a: string | null, b: string | null, anchored: boolean): number {
  if (a === null || b === null) return 0.5;
  if (anchored && (a === 'Other' || b === 'Other')) return 0.5;
  return a === b ? 1 : 0;
}

interface Anchor {
  /** Same day (or week) at the same or a containing place. */
  readonly anchored: boolean;
  readonly bonus: number;
}

/**
 * Evidence from the event day: the same day at the same base or town, or at a place inside the
 * other's; a follow-up naming that day, or that week (weights in ClusterConfig).
 */
function anchor(r: ReportFeatures, inc: IncidentFeatures, cfg: ClusterConfig): Anchor {
  const place = placeRelation(r, inc);
  if (place === null || inc.eventDays.length === 0) return { anchored: false, bonus: 0 };
  const sameDay = r.eventDay !== null && minGap(r.eventDay, inc.eventDays) <= cfg.eventDayTolerance;
  const sameWeek =
    r.eventWeek !== null && minGap(r.eventWeek, inc.eventDays) <= cfg.eventWeekTolerance;
  const w = cfg.weights;
  const day = sameDay ? (place === 'same' ? w.sameDayPlace : w.sameDayContainedPlace) : 0;
  const follow = r.followUp && (sameDay || sameWeek) ? w.followUpDay : 0;
  return { anchored: sameDay || sameWeek, bonus: day + follow };
}

/** The join score, or null when vetoed. */
export function clusterScore(
  r: ReportFeatures,
  inc: IncidentFeatures,
  cfg: ClusterConfig = DEFAULT_CLUSTER_CONFIG,
): number | null {
  if (placeVeto(r, inc) || typeVeto(r.type, inc.type)) return null;
  const text = cosine(r.vector, inc.vector);
  const entities = jaccard(r.entities, inc.entities);
  const casualties = casualtyAgreement(r.casualties, inc.casualties, r.followUp);
  const a = anchor(r, inc, cfg);
  const sub = subTypeAgreement(r.subType, inc.subType, a.anchored);
  const w = cfg.weights;
  return (
    w.text * text + w.entities * entities + w.casualties * casualties + w.subType * sub + a.bonus
  );
}
