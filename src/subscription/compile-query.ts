/**
 * Compiles a query tree into a predicate (closures over pre-extracted values), several times
 * faster than walking the tree; used by the index to verify candidates. `matchNode` in
 * match-query.ts stays the reference semantics, and tests hold the two equal.
 */
import type { IncidentFeatures } from './incident-features.js';
import { matchTerm } from './match-query.js';
import type { QueryNode, Term } from './query.js';

export type QueryPredicate = (f: IncidentFeatures) => boolean;

/**
 * Optional fast test for an index key (`w:drone`, `e:isis`, `f:topic:casualties`): true when the
 * incident carries the key. The index passes one backed by a per-incident mark array.
 */
export type KeyTest = (key: string) => QueryPredicate;

/**
 * `text` (padded words) occurs in the incident's text. With a key test, first checks that its
 * longest word is one of the incident's words (it must be), which rules most incidents out cheaply.
 */
function phraseTest(words: readonly string[], text: string, keyTest?: KeyTest): QueryPredicate {
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const has = longest && keyTest ? keyTest(`w:${longest}`) : undefined;
  return has ? (f) => has(f) && f.text.includes(text) : (f) => f.text.includes(text);
}

function compileTerm(term: Term, keyTest: KeyTest | undefined): QueryPredicate {
  switch (term.kind) {
    case 'word': {
      const w = term.word;
      return keyTest ? keyTest(`w:${w}`) : (f) => f.words.has(w);
    }
    case 'phrase':
      return phraseTest(term.words, term.text, keyTest);
    case 'entity': {
      const { id, text } = term;
      const has = keyTest?.(`e:${id}`);
      const phrase = phraseTest(term.words, text, keyTest);
      return has ? (f) => has(f) || phrase(f) : (f) => f.entities.has(id) || phrase(f);
    }
    case 'field': {
      const { field, value } = term;
      return keyTest ? keyTest(`f:${field}:${value}`) : (f) => f.fields[field].has(value);
    }
    case 'count':
      return (f) => matchTerm(term, f);
  }
}

/** `keyTest` must agree with the incident's `keys` (see incident-features.ts). */
export function compileQuery(node: QueryNode, keyTest?: KeyTest): QueryPredicate {
  const compile = (n: QueryNode): QueryPredicate => compileQuery(n, keyTest);
  switch (node.kind) {
    case 'term':
      return compileTerm(node.term, keyTest);
    case 'not': {
      const inner = compile(node.child);
      return (f) => !inner(f);
    }
    case 'and': {
      const cs = node.children.map(compile);
      const [a, b] = cs;
      if (cs.length === 2 && a && b) return (f) => a(f) && b(f);
      return (f) => cs.every((c) => c(f));
    }
    case 'or': {
      const cs = node.children.map(compile);
      const [a, b] = cs;
      if (cs.length === 2 && a && b) return (f) => a(f) || b(f);
      return (f) => cs.some((c) => c(f));
    }
  }
}
