/**
 * Evaluates a parsed query against an incident's features. This is the reference semantics; the
 * subscription index only narrows down which queries to evaluate.
 */
import type { IncidentFeatures } from './incident-features.js';
import type { CountOp, QueryNode, Term } from './query.js';

function compare(actual: number, op: CountOp, value: number): boolean {
  switch (op) {
    case '>=':
      return actual >= value;
    case '>':
      return actual > value;
    case '=':
      return actual === value;
    case '<=':
      return actual <= value;
    case '<':
      return actual < value;
  }
}

/** `padded` is the phrase's words joined by spaces with a space at both ends. */
export function hasPhrase(f: IncidentFeatures, padded: string): boolean {
  return f.text.includes(padded);
}

export function matchTerm(term: Term, f: IncidentFeatures): boolean {
  switch (term.kind) {
    case 'word':
      return f.words.has(term.word);
    case 'phrase':
      return hasPhrase(f, term.text);
    case 'entity':
      return f.entities.has(term.id) || hasPhrase(f, term.text);
    case 'field':
      return f.fields[term.field].has(term.value);
    case 'count':
      return compare(term.measure === 'killed' ? f.killed : f.injured, term.op, term.value);
  }
}

export function matchNode(node: QueryNode, f: IncidentFeatures): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((c) => matchNode(c, f));
    case 'or':
      return node.children.some((c) => matchNode(c, f));
    case 'not':
      return !matchNode(node.child, f);
    case 'term':
      return matchTerm(node.term, f);
  }
}

/** True when the query matches the incident these features were computed from. */
export function matchQuery(query: { readonly root: QueryNode }, f: IncidentFeatures): boolean {
  return matchNode(query.root, f);
}
