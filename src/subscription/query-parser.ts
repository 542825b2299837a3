/**
 * Recursive-descent parser for subscription queries:
 *
 *   query   := or END
 *   or      := and (OR and)*
 *   and     := unary ((AND)? unary)*          adjacent terms are ANDed
 *   unary   := (NOT | '-') unary | primary
 *   primary := '(' or ')' | WORD | "PHRASE" | FIELD:value | killed>=N
 *
 * Runs of adjacent bare words are looked up in the gazetteer, longest alias first, so
 * `Kataib Hezbollah drone` becomes entity(kataib-hezbollah) AND drone. Never throws: a mistake is
 * a returned QueryError with its column.
 */
import type { Gazetteer } from '../gazetteer/gazetteer.js';
import { normaliseText } from '../gazetteer/normalise.js';
import { entityKey, sideKey, slug, topicKey } from './field-keys.js';
import { lexQuery, type QueryToken } from './query-lexer.js';
import {
  QUERY_FIELDS,
  type CountMeasure,
  type ParseResult,
  type QueryError,
  type QueryField,
  type QueryNode,
  type Term,
} from './query.js';

export interface ParseOptions {
  /** Resolves actor and place aliases to gazetteer ids. */
  readonly gazetteer?: Gazetteer;
}

const MAX_ALIAS_WORDS = 6;
const OPERAND = 'a word, "phrase", field (topic:, type:, place:, actor:, side:) or "("';

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

function describe(t: QueryToken): string {
  switch (t.kind) {
    case 'end':
      return 'end of query';
    case 'lparen':
      return '"("';
    case 'rparen':
      return '")"';
    case 'and':
    case 'or':
    case 'not':
      return t.kind.toUpperCase();
    case 'minus':
      return '"-"';
    case 'word':
      return `"${t.text}"`;
    case 'phrase':
      return `"${t.text}" (phrase)`;
    case 'field':
      return `"${t.name}:"`;
    case 'count':
      return `"${t.name}${t.op}${t.value}"`;
  }
}

function fail(column: number, expected: string, found: string): never {
  throw new ParseFailure({
    column,
    expected,
    found,
    message: `column ${column}: expected ${expected} but found ${found}`,
  });
}

function termNode(term: Term): QueryNode {
  return { kind: 'term', term };
}

function entityTerm(id: string, words: readonly string[]): Term {
  return { kind: 'entity', id, words, text: ` ${words.join(' ')} ` };
}

function all(children: QueryNode[], kind: 'and' | 'or'): QueryNode {
  return children.length === 1 && children[0] ? children[0] : { kind, children };
}

interface BareWord {
  readonly text: string;
  readonly column: number;
}

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: readonly QueryToken[],
    private readonly options: ParseOptions,
  ) {}

  private peek(): QueryToken {
    return this.tokens[this.pos] ?? { kind: 'end', column: 0 };
  }

  private next(): QueryToken {
    const t = this.peek();
    if (t.kind !== 'end') this.pos += 1;
    return t;
  }

  parseQuery(): QueryNode {
    const root = this.parseOr();
    const t = this.peek();
    if (t.kind !== 'end') {
      const expected =
        t.kind === 'rparen' ? 'no ")" without a matching "("' : 'AND, OR or end of query';
      fail(t.column, expected, describe(t));
    }
    return root;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek().kind === 'or') {
      this.next();
      children.push(this.parseAnd());
    }
    return all(children, 'or');
  }

  private startsOperand(t: QueryToken): boolean {
    return ['lparen', 'not', 'minus', 'word', 'phrase', 'field', 'count'].includes(t.kind);
  }

  private parseAnd(): QueryNode {
    const children: QueryNode[] = [];
    let run: BareWord[] = [];
    const flush = (): void => {
      if (run.length > 0) children.push(...this.resolveRun(run));
      run = [];
    };
    for (;;) {
      const operand = this.peek();
      if (operand.kind === 'word') {
        this.next();
        run.push({ text: operand.text, column: operand.column });
      } else {
        flush();
        children.push(this.parseUnary());
      }
      const t = this.peek();
      if (t.kind === 'and') {
        this.next();
        flush();
      } else if (!this.startsOperand(t)) {
        break;
      }
    }
    flush();
    return all(children, 'and');
  }

  private parseUnary(): QueryNode {
    const t = this.peek();
    if (t.kind === 'not' || t.kind === 'minus') {
      this.next();
      return { kind: 'not', child: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const t = this.next();
    switch (t.kind) {
      case 'lparen': {
        const inner = this.parseOr();
        const close = this.peek();
        if (close.kind !== 'rparen') {
          fail(close.column, `")" to close the "(" at column ${t.column}`, describe(close));
        }
        this.next();
        return inner;
      }
      case 'word':
        return all(this.resolveRun([{ text: t.text, column: t.column }]), 'and');
      case 'phrase':
        return termNode(this.phraseTerm(t.text, t.column));
      case 'field':
        return termNode(this.fieldTerm(t.name, t.column));
      case 'count':
        return termNode({
          kind: 'count',
          measure: t.name as CountMeasure,
          op: t.op,
          value: t.value,
        });
      default:
        return fail(t.column, OPERAND, describe(t));
    }
  }

  private wordsOf(text: string, column: number): string[] {
    const words = normaliseText(text).split(' ').filter(Boolean);
    if (words.length === 0) fail(column, 'a word with letters or digits', `"${text}"`);
    return words;
  }

  private textTerm(words: readonly string[]): Term {
    return words.length === 1 && words[0] !== undefined
      ? { kind: 'word', word: words[0] }
      : { kind: 'phrase', words, text: ` ${words.join(' ')} ` };
  }

  private phraseTerm(text: string, column: number): Term {
    const words = this.wordsOf(text, column + 1);
    const ref = this.options.gazetteer?.lookup(text);
    return ref ? entityTerm(ref.entry.id, words) : this.textTerm(words);
  }

  /** Bare words: longest gazetteer alias first, the rest as words. */
  private resolveRun(run: readonly BareWord[]): QueryNode[] {
    const out: QueryNode[] = [];
    let i = 0;
    while (i < run.length) {
      let taken = 0;
      for (let n = Math.min(MAX_ALIAS_WORDS, run.length - i); n >= 1 && taken === 0; n -= 1) {
        const span = run
          .slice(i, i + n)
          .map((w) => w.text)
          .join(' ');
        const ref = this.options.gazetteer?.lookup(span);
        if (ref) {
          out.push(termNode(entityTerm(ref.entry.id, this.wordsOf(span, 0))));
          taken = n;
        }
      }
      if (taken === 0) {
        const w = run[i] as BareWord;
        out.push(termNode(this.textTerm(this.wordsOf(w.text, w.column))));
        taken = 1;
      }
      i += taken;
    }
    return out;
  }

  private fieldTerm(name: string, column: number): Term {
    if (!(QUERY_FIELDS as readonly string[]).includes(name)) {
      fail(column, 'one of the fields topic:, type:, place:, actor:, side:', `"${name}:"`);
    }
    const field = name as QueryField;
    const v = this.peek();
    if (v.kind !== 'word' && v.kind !== 'phrase') {
      fail(v.column, `a value after "${field}:" (a word or "quoted phrase")`, describe(v));
    }
    this.next();
    this.wordsOf(v.text, v.column);
    return { kind: 'field', field, value: fieldValue(field, v.text, this.options) };
  }
}

function fieldValue(field: QueryField, text: string, options: ParseOptions): string {
  switch (field) {
    case 'topic':
      return topicKey(text);
    case 'type':
      return slug(text);
    case 'side':
      return sideKey(text);
    case 'place':
    case 'actor':
      return entityKey(text, options.gazetteer);
  }
}

/** Parses a subscription query. Returns the query or where and what was expected. */
export function parseQuery(source: string, options: ParseOptions = {}): ParseResult {
  const lexed = lexQuery(source);
  if (!lexed.ok) {
    const { column, expected, found } = lexed;
    return {
      ok: false,
      error: {
        column,
        expected,
        found,
        message: `column ${column}: expected ${expected} but found ${found}`,
      },
    };
  }
  try {
    const root = new Parser(lexed.tokens, options).parseQuery();
    return { ok: true, query: { source, root } };
  } catch (err) {
    if (err instanceof ParseFailure) return { ok: false, error: err.error };
    throw err;
  }
}
