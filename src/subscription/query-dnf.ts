/**
 * Disjunctive normal form of a query, for indexing: OR of conjunctions of (possibly negated)
 * terms. NOT is pushed down to terms first (De Morgan). Queries whose DNF would exceed a bound
 * return `undefined` and are always evaluated in full instead.
 */
import type { QueryNode, Term } from './query.js';

export interface Literal {
  readonly term: Term;
  readonly negated: boolean;
}
export type Conjunction = readonly Literal[];

export const MAX_CONJUNCTIONS = 64;

function product(a: Conjunction[], b: Conjunction[]): Conjunction[] | undefined {
  if (a.length * b.length > MAX_CONJUNCTIONS) return undefined;
  return a.flatMap((x) => b.map((y) => [...x, ...y]));
}

function dnf(node: QueryNode, negated: boolean): Conjunction[] | undefined {
  switch (node.kind) {
    case 'term':
      return [[{ term: node.term, negated }]];
    case 'not':
      return dnf(node.child, !negated);
    case 'and':
    case 'or': {
      const isAnd = (node.kind === 'and') !== negated;
      let acc: Conjunction[] | undefined = isAnd ? [[]] : [];
      for (const child of node.children) {
        const d = dnf(child, negated);
        if (!d || !acc) return undefined;
        acc = isAnd ? product(acc, d) : [...acc, ...d];
        if (acc && acc.length > MAX_CONJUNCTIONS) return undefined;
      }
      return acc;
    }
  }
}

/** The query as OR of ANDs, or undefined when that would be larger than MAX_CONJUNCTIONS. */
export function toDnf(root: QueryNode): Conjunction[] | undefined {
  return dnf(root, false);
}
