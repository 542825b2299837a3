/**
 * The subscription query language, parsed. A query is a tree of AND / OR / NOT over terms;
 * every term is already normalised (case, diacritics, gazetteer aliases resolved to ids), so
 * matching is set look-ups only. Grammar and examples: docs/COMMANDS.md ("Query language").
 */

export const QUERY_FIELDS = ['topic', 'type', 'place', 'actor', 'side'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export const COUNT_MEASURES = ['killed', 'injured'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];
export type CountOp = '>=' | '>' | '=' | '<=' | '<';

export type Term =
  /** One normalised word ("drone"). */
  | { readonly kind: 'word'; readonly word: string }
  /** Consecutive normalised words ("car bomb"); `text` is them joined by spaces. */
  | { readonly kind: 'phrase'; readonly words: readonly string[]; readonly text: string }
  /** A gazetteer actor or place, written as any alias; also matches the words as written. */
  | {
      readonly kind: 'entity';
      readonly id: string;
      readonly words: readonly string[];
      readonly text: string;
    }
  /** A field filter; `value` is the normalised key compared with the incident's field keys. */
  | { readonly kind: 'field'; readonly field: QueryField; readonly value: string }
  /** A casualty threshold over all sides, e.g. killed>=1. */
  | {
      readonly kind: 'count';
      readonly measure: CountMeasure;
      readonly op: CountOp;
      readonly value: number;
    };

export type QueryNode =
  | { readonly kind: 'and'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'or'; readonly children: readonly QueryNode[] }
  | { readonly kind: 'not'; readonly child: QueryNode }
  | { readonly kind: 'term'; readonly term: Term };

/** A parse error: where (1-based column) and what was expected. */
export interface QueryError {
  readonly column: number;
  readonly expected: string;
  readonly found: string;
  /** One line for the user: `column 12: expected a word … but found end of query`. */
  readonly message: string;
}

export interface Query {
  /** The text as the user wrote it. */
  readonly source: string;
  readonly root: QueryNode;
}

export type ParseResult =
  { readonly ok: true; readonly query: Query } | { readonly ok: false; readonly error: QueryError };
