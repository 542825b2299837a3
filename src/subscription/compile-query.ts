/**
 * Compiles a query tree into a predicate (closures over pre-extracted values), several times
 * faster than walking the tree; used by the index to verify candidates. `matchNode` in
 * match-query.ts stays the reference semantics, and tests hold the two equal.
 */
import type { IncidentFeatures } from './incident-features.js';
import { matchTerm } from './match-query.js';
import type { QueryNode, Term } from './query.js';

export type QueryPredicate = (f: IncidentFeatures) => boolean;

function compileTerm(term: Term): QueryPredicate {
  switch (term.kind) {
    case 'word': {
      const w = term.word;
      return (f) => f.words.has(w);
    }
    case 'phrase': {
      const text = term.text;
      return (f) => f.text.includes(text);
    }
    case 'entity': {
      const { id, text } = term;
      return (f) => f.entities.has(id) || f.text.includes(text);
    }
    case 'field': {
      const { field, value } = term;
      return (f) => f.fields[field].has(value);
    }
    case 'count':
      return (f) => matchTerm(term, f);
  }
}

export function compileQuery(node: QueryNode): QueryPredicate {
  switch (node.kind) {
    case 'term':
      return compileTerm(node.term);
    case 'not': {
      const inner = compileQuery(node.child);
      return (f) => !inner(f);
    }
    case 'and': {
      const cs = node.children.map(compileQuery);
      const [a, b] = cs;
      if (cs.length === 2 && a && b) return (f) => a(f) && b(f);
      return (f) => cs.every((c) => c(f));
    }
    case 'or': {
      const cs = node.children.map(compileQuery);
      const [a, b] = cs;
      if (cs.length === 2 && a && b) return (f) => a(f) || b(f);
      return (f) => cs.some((c) => c(f));
    }
  }
}
