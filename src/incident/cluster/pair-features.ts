/**
 * What the join decision weighs, for one report against one open incident: general evidence
 * (shared words, entities and place, event type, casualty figures, time), each 0..1. The weights
 * come from data (`sitrep cluster tune`); see cluster-score.ts.
 */
import type { EventType } from '../../domain/incident.js';
import { casualtyAgreement } from './casualty-agreement.js';
import type { ClusterConfig } from './cluster-config.js';
import type { IncidentFeatures } from './incident-features.js';
import { placeRelation } from './place-relation.js';
import { placeVeto } from './place-veto.js';
import type { ReportFeatures } from './report-features.js';
import { cosine, jaccard } from './text-similarity.js';
import { minGap, type TimeVerdict } from './time-verdict.js';
import type { PairFeatures } from './pair-feature-names.js';

const VIOLENT = new Set<EventType>([
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
]);

function otherFamily(a: EventType | null, b: EventType | null): boolean {
  return a !== null && b !== null && VIOLENT.has(a) !== VIOLENT.has(b);
}

function subTypes(a: string | null, b: string | null, sameDay: boolean) {
  const unknown = a === null || b === null || (sameDay && (a === 'Other' || b === 'Other'));
  return { same: !unknown && a === b, other: !unknown && a !== b };
}

function timeGap(r: ReportFeatures, inc: IncidentFeatures, cfg: ClusterConfig): number {
  const t = r.eventDay ?? r.published;
  if (t === null) return 0;
  const gap = minGap(t, inc.eventDays, inc.times);
  return Number.isFinite(gap) ? Math.min(1, gap / cfg.window) : 0;
}

const num = (b: boolean): number => (b ? 1 : 0);

/**
 * Adds each candidate's lead over the others: its text cosine minus the best other candidate's
 * (its own cosine when it is the only one). Candidates are the report's non-vetoed incidents.
 */
export function withLeads<T extends { readonly features: PairFeatures }>(
  candidates: readonly T[],
): T[] {
  let best = -1;
  let second = -1;
  for (const c of candidates) {
    const t = c.features.text;
    if (t > best) [best, second] = [t, best];
    else if (t > second) second = t;
  }
  return candidates.map((c) => {
    const other = c.features.text === best ? Math.max(second, 0) : best;
    return { ...c, features: { ...c.features, textLead: c.features.text - other } };
  });
}

/** The pair's features, or null when the places veto it (the time verdict is given). */
export function pairFeatures(
  r: ReportFeatures,
  inc: IncidentFeatures,
  time: Exclude<TimeVerdict, 'veto'>,
  cfg: ClusterConfig,
): PairFeatures | null {
  if (placeVeto(r, inc)) return null;
  const place = placeRelation(r, inc);
  const dayGap = r.eventDay === null ? Number.POSITIVE_INFINITY : minGap(r.eventDay, inc.eventDays);
  const sameDay = dayGap <= cfg.eventDayTolerance;
  const sub = subTypes(r.subType, inc.subType, sameDay);
  const casualties = casualtyAgreement(r.casualties, inc.casualties, r.followUp);
  return {
    text: cosine(r.vector, inc.vector),
    textLead: 0,
    titleText: cosine(r.titleVector, inc.titleVector),
    entities: jaccard(r.entities, inc.entities),
    names: jaccard(r.names, inc.names),
    figures: jaccard(r.figures, inc.figures),
    samePlace: num(place === 'same'),
    containedPlace: num(place === 'contained'),
    sameSubType: num(sub.same),
    otherSubType: num(sub.other),
    otherFamily: num(otherFamily(r.type, inc.type)),
    casualtiesAgree: num(casualties === 'agree'),
    casualtiesClash: num(casualties === 'clash'),
    sameDay: num(sameDay),
    dayGap: Number.isFinite(dayGap) ? Math.min(1, dayGap / cfg.eventDayLimit) : 0,
    timeGap: time === 'dated' ? timeGap(r, inc, cfg) : 0,
    undated: num(time !== 'dated'),
    followUp: num(r.followUp),
  };
}
