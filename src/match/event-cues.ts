import type { TokenMention } from '../gazetteer/gazetteer.js';
import { actorOf, isUsSide } from './evidence.js';
import type { EventClass } from './lexicon.js';
import type { PhraseHit } from './phrase-index.js';

export interface EventReading {
  value: number;
  reason?: string;
}

type Hit = PhraseHit<EventClass>;

/** Tokens between two spans (0 when they overlap). */
function gap(a: { from: number; to: number }, b: { from: number; to: number }): number {
  if (a.to <= b.from) return b.from - a.to;
  if (b.to <= a.from) return a.from - b.to;
  return 0;
}

/** Event-class cues: 1 with a headline hit or two hits, 0.7 with one hit in the text. */
export function readEvents(hits: readonly Hit[], titleEnd: number): Map<EventClass, EventReading> {
  const out = new Map<EventClass, EventReading & { n: number }>();
  for (const h of hits) {
    const prev = out.get(h.value);
    const n = (prev?.n ?? 0) + (h.from < titleEnd ? 2 : 1);
    out.set(h.value, { n, value: n >= 2 ? 1 : 0.7, reason: prev?.reason ?? h.phrase });
  }
  return new Map([...out].map(([k, v]) => [k, { value: v.value, reason: v.reason ?? '' }]));
}

/** An event of `cls` within `window` tokens of a US/coalition mention (usTarget, usAgent). */
export function nearUs(
  hits: readonly Hit[],
  mentions: readonly TokenMention[],
  classes: ReadonlySet<EventClass>,
  window: number,
): EventReading {
  const us = mentions.filter(isUsSide);
  let best: EventReading = { value: 0 };
  for (const h of hits) {
    if (!classes.has(h.value)) continue;
    for (const m of us) {
      const d = gap(h, m);
      const value = d <= window ? 1 : 0.5;
      if (value > best.value) best = { value, reason: `${h.phrase} … ${m.text}` };
      if (best.value === 1) return best;
    }
  }
  return best;
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
): EventReading {
  const hasUs =
    mentions.some(isUsSide) || mentions.some((m) => actorOf(m)?.kind === 'us-government');
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
    const owner = mentions.find(
      (m) => gap(m, nearest) === 0 || (m.to <= nearest.from && nearest.from - m.to <= 2),
    );
    if (owner && isForeignForce(owner)) continue;
    const value = owner && isUsSide(owner) ? 1 : hasUs ? 0.8 : 0.3;
    if (value > best.value) best = { value, reason: `${nearest.phrase} ${c.phrase}` };
  }
  return best;
}
