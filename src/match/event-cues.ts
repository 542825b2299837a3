import type { TokenMention } from '../gazetteer/gazetteer.js';
import { actorOf, isUsSide } from './evidence.js';
import type { EventClass } from './lexicon.js';
import type { PhraseHit } from './phrase-index.js';

export interface EventReading {
  value: number;
  reason?: string;
}

type Hit = PhraseHit<EventClass>;

const SITE_HEAD =
  /\b(base|bases|embassy|consulate|outpost|garrison|installation|airbase|facility|mission|presence|occupation)$/i;

/** Hits read as background (a retaliation, response or earlier event): see clause.ts. */
export type Background = ReadonlySet<Hit>;

/** Tokens between two spans (0 when they overlap). */
export function gap(a: { from: number; to: number }, b: { from: number; to: number }): number {
  if (a.to <= b.from) return b.from - a.to;
  if (b.to <= a.from) return a.from - b.to;
  return 0;
}

/** Event-class cues: 1 with a headline hit or two hits, 0.7 with one hit in the text. */
export function readEvents(hits: readonly Hit[], titleEnd: number): Map<EventClass, EventReading> {
  const out = new Map<EventClass, { value: number; reason: string; n: number }>();
  for (const h of hits) {
    const prev = out.get(h.value);
    const n = (prev?.n ?? 0) + (h.from < titleEnd ? 2 : 1);
    out.set(h.value, { n, value: n >= 2 ? 1 : 0.7, reason: prev?.reason ?? h.phrase });
  }
  return new Map([...out].map(([k, v]) => [k, { value: v.value, reason: v.reason }]));
}

/** An event of `classes` within `window` tokens of a US/coalition mention (usTarget, usPresence). */
export function nearUs(
  hits: readonly Hit[],
  mentions: readonly TokenMention[],
  classes: ReadonlySet<EventClass>,
  window: number,
  background: Background = new Set(),
): EventReading {
  const us = mentions.filter(isUsSide);
  let best: EventReading = { value: 0 };
  for (const h of hits) {
    if (!classes.has(h.value)) continue;
    const discount = background.has(h) ? 0.4 : 1;
    for (const m of us) {
      // The head of the US phrase itself ("American drones") is the US acting, not a target.
      if (h.value === 'attack' && m.from <= h.from && h.to <= m.to) continue;
      // A base or embassy is what attacks aim at: it counts across the (short) item.
      const far = isSite(m) ? 0.6 : 0.4;
      const value = (gap(h, m) <= window ? 1 : far) * discount;
      if (value > best.value) best = { value, reason: `${h.phrase} … ${m.text}` };
      if (best.value === 1) return best;
    }
  }
  return best;
}

function isSite(m: TokenMention): boolean {
  return actorOf(m) === undefined || SITE_HEAD.test(m.text);
}

/** A US/coalition actor that can act (not a base or embassy, which are targets). */
function canAct(m: TokenMention): boolean {
  return isUsSide(m) && !isSite(m);
}

/**
 * US/coalition forces as the ones striking or raiding: the actor before the strike/raid word
 * ("US jets struck", "coalition airstrikes", "the United States carried out strikes") or just
 * after it ("strikes by US forces"). A casualty word in between makes the actor the victim
 * ("US troops killed in a drone strike").
 */
export function readUsAgent(
  hits: readonly Hit[],
  mentions: readonly TokenMention[],
  window: number,
  text: { titleEnd: number; tokens: readonly { norm: string }[] },
  background: Background = new Set(),
): EventReading {
  const { titleEnd, tokens } = text;
  const forces = mentions.filter(canAct);
  const states = mentions.filter((m) => actorOf(m)?.kind === 'us-government');
  // A victim ("US troops killed in a drone strike") or a weapon ("a drone struck") between the
  // actor and the strike word makes someone else the striker; so does the headline's end.
  const otherBetween = (a: number, b: number): boolean =>
    (a <= titleEnd && titleEnd < b) ||
    hits.some((c) => (c.value === 'casualty' || c.value === 'attack') && c.from >= a && c.to <= b);
  let best: EventReading = { value: 0 };
  for (const h of hits) {
    if (h.value !== 'strike' && h.value !== 'raid') continue;
    // A strike recalled in a background clause ("a day after a US strike killed …") is weak.
    const value = background.has(h) ? 0.4 : 1;
    if (value <= best.value) continue;
    for (const m of [...forces, ...states]) {
      const reach = forces.includes(m) ? window : h.value === 'strike' ? 4 : 3;
      const before = m.from <= h.from && h.from - m.to <= reach && !otherBetween(m.to, h.from);
      // "strikes by US forces", not "fired on US troops" (a target).
      const after = m.from >= h.to && m.from - h.to <= 3 && agentMarker(tokens, h.to, m.from);
      if (before || after) {
        best = { value, reason: `${m.text} … ${h.phrase}` };
        break;
      }
    }
    if (best.value === 1) return best;
  }
  return best;
}

const AGENT_MARKERS = new Set(['by', 'from']);

/** True when "by"/"from" lies between a strike word and the actor after it. */
function agentMarker(tokens: readonly { norm: string }[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (AGENT_MARKERS.has(tokens[i]?.norm ?? '')) return true;
  return false;
}

function isForeignForce(m: TokenMention): boolean {
  const a = actorOf(m);
  return a !== undefined && !isUsSide(m) && a.kind !== 'us-government';
}

/**
 * US/coalition personnel killed or injured: for each casualty word, the nearest victim noun
 * within the window decides ("two US soldiers killed" yes; "killed 15 ISIS operatives" no).
 */
export function readUsVictim(
  hits: readonly Hit[],
  mentions: readonly TokenMention[],
  window: number,
  background: Background = new Set(),
  denied: ReadonlySet<TokenMention> = new Set(),
): EventReading {
  const hasUs = mentions.some((m) => isUsSide(m) || actorOf(m)?.kind === 'us-government');
  const nouns = hits.filter((h) => h.value === 'personnel' || h.value === 'enemy');
  let best: EventReading = { value: 0 };
  for (const c of hits) {
    if (c.value !== 'casualty') continue;
    let nearest: Hit | undefined;
    for (const n of nouns) {
      const d = gap(c, n);
      if (d <= window && (!nearest || d < gap(c, nearest))) nearest = n;
    }
    if (!nearest || nearest.value !== 'personnel') continue;
    const noun = nearest;
    const owner = mentions.find(
      (m) => gap(m, noun) === 0 || (m.to <= noun.from && noun.from - m.to <= 2),
    );
    if (owner && (isForeignForce(owner) || denied.has(owner))) continue;
    let value = owner && isUsSide(owner) ? 1 : hasUs ? 0.8 : 0.3;
    if (background.has(c)) value *= 0.4;
    if (value > best.value) best = { value, reason: `${noun.phrase} ${c.phrase}` };
  }
  return best;
}

const SUFFER = new Set(['sustained', 'sustaining', 'sustain', 'suffered', 'suffering', 'suffer']);

/**
 * US/coalition forces that "sustained" or "suffered" casualties: the actor just before the verb
 * and the casualty word just after it ("coalition forces sustaining minor injuries").
 */
export function sufferedByUs(
  hits: readonly Hit[],
  mentions: readonly TokenMention[],
  tokens: readonly { norm: string }[],
  denied: ReadonlySet<TokenMention> = new Set(),
): EventReading {
  for (const c of hits) {
    if (c.value !== 'casualty') continue;
    for (let v = Math.max(0, c.from - 3); v < c.from; v++) {
      if (!SUFFER.has(tokens[v]?.norm ?? '')) continue;
      const m = mentions.find((x) => isUsSide(x) && x.to <= v && v - x.to <= 2 && !denied.has(x));
      if (m) return { value: 1, reason: `${m.text} ${tokens[v]?.norm ?? ''} ${c.phrase}` };
    }
  }
  return { value: 0 };
}
