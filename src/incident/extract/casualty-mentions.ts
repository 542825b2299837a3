/**
 * Casualty mentions in one sentence: "NUM [MOD] VICTIM were killed/injured", "killed NUM
 * VICTIM", "left NUM [VICTIM] dead", "the deaths of NUM VICTIM", "death toll rose to NUM",
 * with coordinated victims ("two Americans and a Briton were killed") and bare figures next to a
 * verb ("three killed, 25 injured").
 */
import type { Range, Side } from '../../domain/incident.js';
import { parseQuantity, QUANTITY_SOURCE } from './quantity.js';
import { findVictimGroups, type VictimGroup } from './victim-groups.js';
import { victimSide, type VictimContext } from './victim-side.js';
import type { ExtractionVocabulary } from './vocabulary.js';

export type CasualtyKind = 'killed' | 'injured';

export interface CasualtyMention {
  readonly side: Side;
  readonly kind: CasualtyKind;
  readonly range: Range;
  readonly raw: string;
}

type Group = VictimGroup;

interface Verb {
  readonly start: number;
  readonly end: number;
  readonly kind: CasualtyKind;
  readonly active: boolean;
  /** "left ... dead": the state word after the group decides the kind. */
  readonly leaves: boolean;
}

const KILLED = String.raw`killed(?:\s+in\s+action)?|dead|died|dies|die|slain|perished|lost\s+their\s+lives`;
/** Injury phrases, including the medical wording of later counts ("diagnosed with TBI"). */
const INJURED = String.raw`injured|wounded|hurt|(?:sustained|suffered)\s+(?:\w+\s+)?(?:injuries|wounds)|(?:diagnosed|treated|evaluated|assessed)\s+(?:with|for)\s+(?:(?:possible|suspected|mild|minor|traumatic|serious)\s+)*(?:brain\s+)?(?:injur(?:y|ies)|concussions?(?:\s+symptoms)?|wounds|TBI)`;
const VERB_RE = new RegExp(
  String.raw`\b(?:(kill(?:s|ing)?)|(wound(?:s|ing)|injur(?:es|ing))|(lef?t|leav(?:es|ing))|(${KILLED})|(${INJURED}))\b`,
  'giu',
);
const PASSIVE_GAP =
  /^\s*[)—–]?(?:\s*,?\s*(?:who|were|was|have|has|had|been|are|is|being|be|reportedly|reported|also|all|later|believed|thought|said|confirmed|to|initially|now))*\s*$/i;
const COORD = /^\s*(?:,\s*(?:and\s+)?|and\s+|\s*[,(—–]?\s*including\s+|\s*,?\s*among\s+them\s+)$/i;
/**
 * A qualifier set off by commas, dashes or brackets between the victims and their verb ("16
 * people, including civilians, were killed"; "(most of them militants)"): it does not break the
 * link between the figure and the verb.
 */
const INSERTION =
  /\s*[,(—–]\s*(?:including|among\s+(?:them|whom)|mostly|mainly|(?:most|many|all|some|both|several|none)\s+of\s+(?:them|whom)|of\s+whom|both)\b[^,()—–;]*[,)—–]/giu;
const STATE_AFTER = /^\s*(dead|killed|injured|wounded|hurt)\b/i;
const AUXILIARY_BEFORE = /\b(?:were|was|been|are|is|be|being|get|got)\s+(?:\w+ly\s+)?$/i;
const BARE_END = /^\s*(?:,|;|\.|and\b|$|\()/i;

function findVerbs(sentence: string): Verb[] {
  return [...sentence.matchAll(VERB_RE)].map((m) => {
    const active = m[1] !== undefined || m[2] !== undefined || m[3] !== undefined;
    const kind: CasualtyKind = m[1] !== undefined || m[4] !== undefined ? 'killed' : 'injured';
    return {
      start: m.index,
      end: m.index + m[0].length,
      kind,
      active,
      leaves: m[3] !== undefined,
    };
  });
}

function bareOk(g: Group): boolean {
  return g.noun !== null || g.range.min !== null || g.range.max !== null;
}

/** Groups right after an active verb ("killing two Americans and a Briton"). */
function assignActive(
  sentence: string,
  groups: Group[],
  verbs: Verb[],
  out: Map<Group, CasualtyKind>,
) {
  for (const v of verbs) {
    const participle = /^(killed|wounded|injured)$/i.test(sentence.slice(v.start, v.end));
    if (!v.active && !participle) continue;
    if (participle && AUXILIARY_BEFORE.test(sentence.slice(0, v.start))) continue;
    let prevEnd = v.end;
    let kind: CasualtyKind | null = v.leaves ? null : v.kind;
    for (const g of groups) {
      if (g.start < prevEnd) continue;
      const gap = sentence.slice(prevEnd, g.start);
      const first = prevEnd === v.end;
      if (first ? !/^\s*$/.test(gap) : !COORD.test(gap)) break;
      if (!first && verbs.some((w) => w.start >= prevEnd && w.start < g.start)) break;
      if (v.leaves) {
        const state = STATE_AFTER.exec(sentence.slice(g.end));
        if (!state?.[1]) continue;
        kind = /dead|killed/i.test(state[1]) ? 'killed' : 'injured';
      }
      const bareEnd = g.noun !== null || BARE_END.test(sentence.slice(g.end));
      if (kind && !out.has(g) && bareOk(g) && bareEnd) out.set(g, kind);
      prevEnd = g.end;
    }
  }
}

/** Groups before a passive verb ("two US soldiers were killed"), back through coordination. */
function assignPassive(
  sentence: string,
  groups: Group[],
  verbs: Verb[],
  out: Map<Group, CasualtyKind>,
) {
  for (const v of verbs) {
    if (
      v.leaves ||
      /^(kill(s|ing)?|wound(s|ing)|injur(es|ing))$/i.test(sentence.slice(v.start, v.end))
    ) {
      continue;
    }
    const before = groups.filter((g) => g.end <= v.start);
    let next = before[before.length - 1];
    if (!next || !PASSIVE_GAP.test(sentence.slice(next.end, v.start).replace(INSERTION, ' ')))
      continue;
    for (let i = before.length - 1; i >= 0 && next; i -= 1) {
      const g = before[i];
      if (!g) break;
      if (g !== next && !COORD.test(sentence.slice(g.end, next.start))) break;
      if (out.has(g)) break;
      out.set(g, v.kind);
      next = g;
    }
  }
}

/** "... were killed, including two US soldiers": the included victims share the verb. */
function assignIncluded(
  sentence: string,
  groups: Group[],
  verbs: Verb[],
  out: Map<Group, CasualtyKind>,
) {
  for (const v of verbs) {
    if (v.active) continue;
    const g = groups.find((x) => x.start >= v.end);
    if (g?.noun && INCLUDING_GAP.test(sentence.slice(v.end, g.start)) && !out.has(g))
      out.set(g, v.kind);
  }
}

const INCLUDING_GAP = /^\s*,?\s*(?:including|among\s+them)\s+$/i;
const TOLL_RE = new RegExp(
  String.raw`death\s+toll\s+(?:\w+\s+){0,3}?(?:rose|rises|risen|climbed|climbs|reached|reaches|stands|stood|is|was|hit|jumped)\s+(?:at\s+|to\s+)?(${QUANTITY_SOURCE})`,
  'iu',
);
const DEATHS_OF_RE = /\b(?:deaths?|killing|assassination)\s+of\s+$/i;

/** Every casualty mention in a sentence (`isisStory`: the story names ISIS). */
export function findCasualtyMentions(
  sentence: string,
  isisStory: boolean,
  vocabulary: ExtractionVocabulary,
): CasualtyMention[] {
  const groups = findVictimGroups(vocabulary, sentence);
  const verbs = findVerbs(sentence);
  const kinds = new Map<Group, CasualtyKind>();
  assignActive(sentence, groups, verbs, kinds);
  assignIncluded(sentence, groups, verbs, kinds);
  assignPassive(sentence, groups, verbs, kinds);
  for (const g of groups) {
    if (
      !kinds.has(g) &&
      g.noun &&
      DEATHS_OF_RE.test(sentence.slice(Math.max(0, g.start - 20), g.start))
    ) {
      kinds.set(g, 'killed');
    }
  }
  const assigned = groups.filter((g) => kinds.has(g));
  const head = assigned[0];
  const headSide: Side = head?.noun
    ? victimSide(head.mods, head.noun, head.after, { fallback: 'unknown', isisStory, vocabulary })
    : 'unknown';
  const ctx: VictimContext = { fallback: headSide, isisStory, vocabulary };
  const out: CasualtyMention[] = assigned.map((g) => ({
    side: g.noun ? victimSide(g.mods, g.noun, g.after, ctx) : headSide,
    kind: kinds.get(g) ?? 'killed',
    range: g.range,
    raw: g.text,
  }));
  const toll = TOLL_RE.exec(sentence);
  const tollRange = toll?.[1] ? parseQuantity(toll[1]) : null;
  if (toll && tollRange)
    out.push({ side: 'unknown', kind: 'killed', range: tollRange, raw: toll[0] });
  return out;
}
