import { describeMention, type Evidence } from './evidence.js';
import { CUE_LABEL } from './explain.js';
import { mentionSymbol } from './model/item-features.js';
import type { HeadScore } from './model/topic-model.js';
import { CUES, type Cue } from './topic-profile.js';

const fmt = (p: number): string => p.toFixed(2);
const isCue = (s: string): s is Cue => (CUES as readonly string[]).includes(s);

/** A feature in words: the evidence behind it where the reader recorded some. */
export function describeFeature(name: string, ev: Evidence): string {
  const [kind, rest = ''] = name.split(/:(.*)/s);
  if (name.startsWith('scope*')) return describeFeature(`cue:${name.slice(6)}`, ev);
  if (kind === 'cue' && isCue(rest)) {
    const reason = ev.reasons[rest];
    return reason === undefined ? CUE_LABEL[rest] : `${CUE_LABEL[rest]}: ${reason}`;
  }
  if (kind === 'rule') return `rule ${rest}`;
  if (kind === 'neg')
    return `${rest} (${ev.negatives.get(rest)?.terms.slice(0, 3).join(', ') ?? ''})`;
  if (kind === 'theatre') return `theatre ${rest}`;
  const sym = name.includes('&') ? name.slice(name.indexOf('&') + 1) : rest;
  const m = ev.mentions.find((x) => mentionSymbol(x) === sym);
  if (m && !sym.includes(' ')) return describeMention(m);
  return `${kind === 'h' ? 'headline' : 'words'} "${rest}"`;
}

/** The strongest distinct reasons, largest contribution of the wanted sign first. */
function strongest(ev: Evidence, head: HeadScore, sign: 1 | -1, n: number): string[] {
  const out: string[] = [];
  for (const [name, c] of head.contributions()) {
    if (out.length >= n) break;
    if (Math.sign(c) !== sign) continue;
    // a hand rule's score restates other evidence; a mention already named adds nothing
    if (name.startsWith('rule:')) continue;
    const words = describeFeature(name, ev);
    if (!out.some((o) => o.includes(words) || words.includes(o))) out.push(words);
  }
  return out;
}

/** States the learned decision's deciding evidence in words. */
export function explainLearned(
  ev: Evidence,
  on: HeadScore | undefined,
  topics: readonly HeadScore[],
  matched: boolean,
): string {
  if (!on) return 'no model head "on"';
  const score = `on ${fmt(on.probability)}`;
  if (matched) {
    const t = topics.map((h) => `${h.head} ${fmt(h.probability)}`).join(', ');
    const top = topics[0];
    const reasons = [...strongest(ev, on, 1, 3), ...(top ? strongest(ev, top, 1, 3) : [])];
    const distinct = reasons.filter(
      (r, i) => !reasons.slice(0, i).some((o) => o.includes(r) || r.includes(o)),
    );
    return `${distinct.slice(0, 5).join('; ')} → ${t} (${score})`;
  }
  const parts = [`no match (${score} < ${fmt(on.threshold)})`];
  const against = strongest(ev, on, -1, 3);
  if (against.length > 0) parts.push(`against: ${against.join('; ')}`);
  if (ev.otherTheatres.length > 0)
    parts.push(`other theatre: ${ev.otherTheatres.slice(0, 3).join(', ')}`);
  const seen = strongest(ev, on, 1, 3);
  if (seen.length > 0) parts.push(`for: ${seen.join('; ')}`);
  return parts.join('; ');
}
