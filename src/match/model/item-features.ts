/**
 * The features the learned topic model reads from one item. Domain knowledge comes from the
 * gazetteer and lexicon (through the evidence reader); the model only weighs it. Features are
 * delexicalised where that generalises: "US forces killed an ISIS official in Deir ez-Zor"
 * becomes "<us-forces> killed <isis> official in <province:in>", so a new place or a new leader's
 * name reads like the ones in the training data.
 */
import type { TokenMention } from '../../gazetteer/gazetteer.js';
import type { Token } from '../../gazetteer/normalise.js';
import { actorOf, IN_SCOPE, placeOf, type Evidence } from '../evidence.js';
import type { ItemText } from '../item-text.js';
import type { TopicScoreDetail } from '../score-topic.js';
import { CUES } from '../topic-profile.js';
import { isStopword } from '../../domain/stopwords.js';
import { stemWord } from './words.js';

/** Sparse feature vector: feature name → value (binary features are 1). */
export type FeatureVector = ReadonlyMap<string, number>;

/** The symbol a gazetteer mention stands for in the delexicalised text. */
export function mentionSymbol(m: TokenMention): string {
  const actor = actorOf(m);
  if (actor) return `<${actor.kind}>`;
  const place = placeOf(m);
  if (!place) return '<other>';
  const where = place.theatre === IN_SCOPE ? 'in' : 'out';
  return `<${place.type}:${where}${place.hostsUs ? ':us' : ''}>`;
}

/** Where a word stands: plain, in a negator's scope ("not_"), or in a background clause ("bg_"). */
export interface WordContext {
  readonly negated: ReadonlySet<number>;
  readonly background: ReadonlySet<number>;
}

const NO_CONTEXT: WordContext = { negated: new Set(), background: new Set() };

/**
 * The item's words with every gazetteer mention replaced by its symbol; years as <year>, other numbers as <num>; words
 * in a negator's scope marked "not_" and words in a background clause "bg_", so "no one was
 * hurt" and "…, days after a rocket attack killed a contractor" do not read as casualties.
 */
export function delexicalise(
  tokens: readonly Token[],
  mentions: readonly TokenMention[],
  context: WordContext = NO_CONTEXT,
): string[] {
  const at = new Map(mentions.map((m) => [m.from, m]));
  const out: string[] = [];
  const mark = (i: number, w: string): string =>
    context.negated.has(i) ? `not_${w}` : context.background.has(i) ? `bg_${w}` : w;
  for (let i = 0; i < tokens.length; i += 1) {
    const m = at.get(i);
    if (m) {
      out.push(mark(i, mentionSymbol(m)));
      i = m.to - 1;
      continue;
    }
    const word = tokens[i]?.norm ?? '';
    if (/^(19|20)\d\d$/.test(word)) out.push(mark(i, '<year>'));
    else if (/^\d[\d.,]*$/.test(word)) out.push(mark(i, '<num>'));
    else if (!isStopword(word)) out.push(mark(i, stemWord(word)));
  }
  return out;
}

function add(out: Map<string, number>, name: string, value = 1): void {
  if (value !== 0) out.set(name, Math.max(out.get(name) ?? 0, value));
}

function mentionFeatures(out: Map<string, number>, ev: Evidence, titleEnd: number): void {
  const inScope = ev.mentions.some((m) => placeOf(m)?.theatre === IN_SCOPE);
  const elsewhere = ev.mentions.some((m) => {
    const t = placeOf(m)?.theatre ?? actorOf(m)?.theatre;
    return t !== undefined && t !== IN_SCOPE && t !== 'other';
  });
  for (const m of ev.mentions) {
    const sym = mentionSymbol(m);
    add(out, `m:${sym}`);
    if (m.from < titleEnd) add(out, `h:${sym}`);
    const theatre = placeOf(m)?.theatre ?? actorOf(m)?.theatre;
    if (theatre !== undefined) add(out, `theatre:${theatre}`);
    const actor = actorOf(m);
    if (actor) add(out, `${inScope ? 'in' : elsewhere ? 'out' : 'nowhere'}&${sym}`);
  }
  if (inScope && elsewhere) add(out, 'theatre:mixed');
}

function wordFeatures(out: Map<string, number>, words: readonly string[], prefix: string): void {
  words.forEach((w, i) => {
    add(out, `${prefix}${w}`);
    const next = words[i + 1];
    if (next !== undefined) add(out, `${prefix}${w} ${next}`);
    const third = words[i + 2];
    if (next !== undefined && third !== undefined) add(out, `${prefix}${w} ${next} ${third}`);
  });
}

/**
 * Every feature of one item: the reader's cues (and pairwise products of the actor and event
 * cues), the hand rules' topic scores, negative-lexicon classes, gazetteer kinds and theatres,
 * and delexicalised word unigrams, bigrams and trigrams (headline words again with an `h:` prefix).
 */
export function itemFeatures(
  item: ItemText,
  ev: Evidence,
  rules: readonly TopicScoreDetail[],
): FeatureVector {
  const out = new Map<string, number>();
  for (const cue of CUES) if (cue !== 'profile') add(out, `cue:${cue}`, ev.cues[cue]);
  for (const a of ['usForces', 'usGov', 'militia', 'isis', 'partner', 'government'] as const) {
    add(out, `scope*${a}`, ev.cues.scope * ev.cues[a]);
  }
  if (ev.cues.scope === 0) add(out, 'scope:none');
  if (ev.cues.scope < 0.5 && ev.otherTheatres.length > 0) add(out, 'scope:elsewhere');
  for (const r of rules) add(out, `rule:${r.topic}`, r.score);
  for (const cls of ev.negatives.keys()) add(out, `neg:${cls}`);
  mentionFeatures(out, ev, item.titleEnd);
  const words = delexicalise(item.tokens, ev.mentions, ev);
  const titleWords = delexicalise(
    item.tokens.slice(0, item.titleEnd),
    ev.mentions.filter((m) => m.to <= item.titleEnd),
    ev,
  );
  wordFeatures(out, words, 'w:');
  wordFeatures(out, titleWords, 'h:');
  return out;
}
