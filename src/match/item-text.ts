import { tokenize, type Token } from '../gazetteer/normalise.js';

export interface MatchInput {
  readonly title: string;
  readonly summary: string;
  readonly content?: string;
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
}

/** The text the matcher reads: headline, summary and the lead of the content. */
export interface ItemText {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Tokens before this index belong to the headline. */
  readonly titleEnd: number;
}

function firstWords(text: string, words: number): string {
  if (words <= 0) return '';
  const re = /\S+/g;
  let count = 0;
  let end = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    count += 1;
    end = m.index + m[0].length;
    if (count >= words) break;
  }
  return text.slice(0, end);
}

/**
 * Headline + summary + the first `leadWords` words of the content. Long articles are cut so
 * that background paragraphs (history, other theatres, page furniture) do not inflate scores.
 */
export function itemText(input: MatchInput, leadWords: number): ItemText {
  const title = input.title.trim();
  const summary = firstWords(input.summary.trim(), leadWords);
  const room = Math.max(0, leadWords - summary.split(/\s+/).length);
  const lead = input.content ? firstWords(input.content.trim(), Math.max(room, leadWords / 2)) : '';
  const text = [title, summary, lead].filter((s) => s.length > 0).join(' \n ');
  const tokens = tokenize(text);
  const firstAfter = tokens.findIndex((t) => t.start >= title.length);
  const titleEnd = firstAfter === -1 ? tokens.length : firstAfter;
  return { text, tokens, titleEnd };
}
