/**
 * Tokens of the subscription query language, each with its 1-based column for error messages.
 */
import type { CountOp } from './query.js';

export type QueryToken =
  | { readonly kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'end'; readonly column: number }
  | { readonly kind: 'minus'; readonly column: number }
  | { readonly kind: 'word' | 'phrase'; readonly text: string; readonly column: number }
  | { readonly kind: 'field'; readonly name: string; readonly column: number }
  | {
      readonly kind: 'count';
      readonly name: string;
      readonly op: CountOp;
      readonly value: number;
      readonly column: number;
    };

export type LexResult =
  | { readonly ok: true; readonly tokens: readonly QueryToken[] }
  | {
      readonly ok: false;
      readonly column: number;
      readonly expected: string;
      readonly found: string;
    };

const OPERATORS: Record<string, 'and' | 'or' | 'not'> = { and: 'and', or: 'or', not: 'not' };
const QUOTES = '"“”';
const DELIMS = `()${QUOTES}`;
const COUNT_RE = /^(killed|dead|deaths|injured|wounded)\s*(>=|<=|=>|=<|>|<|=)\s*(\d+)/i;
const FIELD_RE = /^([a-z]+):/i;
const MEASURE: Record<string, string> = {
  killed: 'killed',
  dead: 'killed',
  deaths: 'killed',
  injured: 'injured',
  wounded: 'injured',
};
const OP: Record<string, CountOp> = {
  '>=': '>=',
  '=>': '>=',
  '<=': '<=',
  '=<': '<=',
  '>': '>',
  '<': '<',
  '=': '=',
};

function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

function readBare(src: string, start: number): number {
  let i = start;
  while (i < src.length && !isSpace(src[i] ?? ' ') && !DELIMS.includes(src[i] ?? ' ')) i += 1;
  return i;
}

function lexQuoted(src: string, i: number): { token: QueryToken; next: number } | undefined {
  let j = i + 1;
  while (j < src.length && !QUOTES.includes(src[j] ?? '')) j += 1;
  if (j >= src.length) return undefined;
  return { token: { kind: 'phrase', text: src.slice(i + 1, j), column: i + 1 }, next: j + 1 };
}

/** Splits a query into tokens, or says where a phrase was left open. */
export function lexQuery(src: string): LexResult {
  const tokens: QueryToken[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] ?? '';
    const column = i + 1;
    if (isSpace(ch)) {
      i += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', column });
      i += 1;
    } else if (QUOTES.includes(ch)) {
      const q = lexQuoted(src, i);
      if (!q)
        return {
          ok: false,
          column,
          expected: 'a closing " to end the phrase',
          found: 'end of query',
        };
      tokens.push(q.token);
      i = q.next;
    } else if (
      ch === '-' &&
      i + 1 < src.length &&
      !isSpace(src[i + 1] ?? ' ') &&
      src[i + 1] !== '-'
    ) {
      tokens.push({ kind: 'minus', column });
      i += 1;
    } else {
      const count = COUNT_RE.exec(src.slice(i));
      const field = FIELD_RE.exec(src.slice(i));
      if (count) {
        const [all, name = '', op = '=', value = '0'] = count;
        tokens.push({
          kind: 'count',
          name: MEASURE[name.toLowerCase()] ?? name,
          op: OP[op] ?? '=',
          value: Number(value),
          column,
        });
        i += all.length;
      } else if (field) {
        tokens.push({ kind: 'field', name: (field[1] ?? '').toLowerCase(), column });
        i += field[0].length;
      } else {
        const end = readBare(src, i);
        const text = src.slice(i, end);
        const op = OPERATORS[text.toLowerCase()];
        tokens.push(op ? { kind: op, column } : { kind: 'word', text, column });
        i = end;
      }
    }
  }
  tokens.push({ kind: 'end', column: src.length + 1 });
  return { ok: true, tokens };
}
