/**
 * Casualty mentions in one sentence: "NUM [MOD] VICTIM were killed/injured", "killed NUM
 * VICTIM", "left NUM [VICTIM] dead", "the deaths of NUM VICTIM", "death toll rose to NUM",
 * with coordinated victims ("two Americans and a Briton were killed") and bare figures next to a
 * verb ("three killed, 25 injured").
 */
import type { Range, Side } from '../domain/incident.js';
import { parseQuantity, QUANTITY_SOURCE } from './quantity.js';
import {
  SINGULAR_VICTIM_SOURCE,
  VICTIM_NOUN_SOURCE,
  victimSide,
  type VictimContext,
} from './victim-side.js';

export type CasualtyKind = 'killed' | 'injured';

export interface CasualtyMention {
  readonly side: Side;
  readonly kind: CasualtyKind;
  readonly range: Range;
  readonly raw: string;
}

interface Group {
  readonly start: number;
  readonly end: number;
  readonly range: Range;
  readonly mods: string;
  readonly noun: string | null;
  readonly text: string;
}

interface Verb {
  readonly start: number;
  readonly end: number;
  readonly kind: CasualtyKind;
  readonly active: boolean;
  /** "left ... dead": the state word after the group decides the kind. */
  readonly leaves: boolean;
}

const STOP = String.raw`(?:in|on|at|of|from|to|by|with|near|against|and|or|but|including|among|others|more|were|was|is|are|have|has|had|been|be|said|says|say|told|killed|kills?|injured|injures?|wounded|wounds?|dead|hit|hits|struck|targeting|targeted|hosting|housing|that|which|who|after|before|during|when|while|as|than|rockets?|drones?|missiles?|mortars?|shells?|bombs?|targets?|sites?|facilities|bases?|hideouts?|years?|months?|days?|weeks?|hours?|minutes?|miles?|km|kilomet(?:er|re)s?|times|attacks?|strikes?|airstrikes?|raids?|killing|wounding|injuring|leaving|left)\b`;
const MOD_WORD = String.raw`(?:(?!${STOP})[\p{L}][\p{L}.'’-]*|\([\p{Lu}]{2,6}\))`;
const GROUP_RE = new RegExp(
  String.raw`(?<![\p{L}\d,.])(${QUANTITY_SOURCE})(?:\s+(?:of\s+(?:the\s+)?)?((?:${MOD_WORD}\s+){0,4})(${VICTIM_NOUN_SOURCE})\b)?`,
  'giu',
);
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
const GENERIC_NOUN = /^(commanders?|leaders?|officials?|members?|officers?|advis[eo]rs?)$/i;
const SINGLE_RE = new RegExp(
  String.raw`(?<![\p{L}\d'’-])((?:${MOD_WORD}\s+){0,4})(${SINGULAR_VICTIM_SOURCE})\b`,
  'giu',
);
/** Calendar words are not names ("killed a commander Thursday"). */
const NOT_A_NAME = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|In|On|At|Near|After|And)\b`;
const NAME_WORD = String.raw`(?:\p{Lu}[\p{L}'’.-]*|(?:al|el|bin|ibn|abu|abd|bint)-\p{L}[\p{L}'’-]*)`;
const NAME_LINK = String.raw`(?:\s+(?:(?:al|el|bin|ibn|abu|abd|bint)\s+)?${NAME_WORD})`;
/** A personal name: capitalised words, with the particles of Arabic names ("Abu Baqir al-Saadi"). */
const PERSONAL_NAME_AFTER = new RegExp(
  String.raw`^\s+(?!${NOT_A_NAME})${NAME_WORD}${NAME_LINK}{0,4}`,
  'u',
);
const PERSONAL_NAME_BEFORE = new RegExp(
  String.raw`(?<![\p{L}'’-])(?!${NOT_A_NAME})${NAME_WORD}${NAME_LINK}{0,4},\s*$`,
  'u',
);

/** Generic nouns ("a commander") take their side from what follows: "from Kata'ib Hezbollah". */
function withFollowingMods(sentence: string, end: number, noun: string | null, mods: string) {
  if (!noun || !GENERIC_NOUN.test(noun)) return mods;
  const post = /^\s+(?:from|of|in)\s+((?:[\p{L}'’-]+\s*){1,5})/u.exec(sentence.slice(end));
  return post?.[1] ? `${mods} ${post[1]}` : mods;
}

function quantityGroups(sentence: string): Group[] {
  const out: Group[] = [];
  for (const m of sentence.matchAll(GROUP_RE)) {
    const range = parseQuantity(m[1] ?? '');
    if (!range || NO_BEFORE.test(sentence.slice(0, m.index))) continue;
    const noun = m[3] ?? null;
    const end = m.index + m[0].length;
    const mods = withFollowingMods(sentence, end, noun, m[2] ?? '');
    out.push({ start: m.index, end, range, mods, noun, text: m[0] });
  }
  return out.filter((g) => g.noun !== null || !/^\d{4}$/.test(g.text));
}

/** "no one", "no US troops": a negated figure is not a casualty. */
const NO_BEFORE = /\bno\s+$/i;
const ONE: Range = { min: 1, max: 1 };

/**
 * One named or singular victim without a figure: "killed Kata'ib Hezbollah commander Abu X",
 * "ISIS leader killed in raid", "the soldier was wounded". The personal name after a title noun
 * belongs to the phrase (so "… commander Abu X was killed" still links the verb).
 */
function singularGroups(sentence: string, taken: readonly Group[]): Group[] {
  const out: Group[] = [];
  for (const m of sentence.matchAll(SINGLE_RE)) {
    const start = m.index;
    const nounEnd = start + m[0].length;
    if (taken.some((g) => start < g.end && g.start < nounEnd)) continue;
    const name = PERSONAL_NAME_AFTER.exec(sentence.slice(nounEnd));
    const end = nounEnd + (name?.[0].length ?? 0);
    const noun = m[2] ?? null;
    const mods = withFollowingMods(sentence, end, noun, m[1] ?? '');
    out.push({ start, end, range: ONE, mods, noun, text: sentence.slice(start, end) });
  }
  return out;
}

/** "Abu X, a senior commander": the name before a single victim belongs to its phrase. */
function withNameBefore(sentence: string, g: Group): Group {
  if (g.range.min !== 1 || g.range.max !== 1 || !g.noun) return g;
  const name = PERSONAL_NAME_BEFORE.exec(sentence.slice(0, g.start));
  return name ? { ...g, start: name.index } : g;
}

function findGroups(sentence: string): Group[] {
  const counted = quantityGroups(sentence);
  const all = [...counted, ...singularGroups(sentence, counted)].sort((a, b) => a.start - b.start);
  return all.map((g) => withNameBefore(sentence, g));
}

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

/** Every casualty mention in a sentence. */
export function findCasualtyMentions(sentence: string, isisStory: boolean): CasualtyMention[] {
  const groups = findGroups(sentence);
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
    ? victimSide(head.mods, head.noun, { fallback: 'unknown', isisStory })
    : 'unknown';
  const ctx: VictimContext = { fallback: headSide, isisStory };
  const out: CasualtyMention[] = assigned.map((g) => ({
    side: g.noun ? victimSide(g.mods, g.noun, ctx) : headSide,
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
