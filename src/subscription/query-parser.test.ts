import { describe, expect, it } from 'vitest';
import { testGazetteer } from '../../test/support/test-gazetteer.js';
import { parseQuery } from './query-parser.js';
import type { QueryNode } from './query.js';

const gazetteer = testGazetteer();

function parse(text: string): QueryNode {
  const r = parseQuery(text, { gazetteer });
  if (!r.ok) throw new Error(r.error.message);
  return r.query.root;
}

function errorOf(text: string) {
  const r = parseQuery(text, { gazetteer });
  if (r.ok) throw new Error(`expected "${text}" to fail`);
  return r.error;
}

describe('parseQuery', () => {
  it('ANDs adjacent words and binds AND tighter than OR', () => {
    expect(parse('drone OR rocket attack')).toEqual({
      kind: 'or',
      children: [
        { kind: 'term', term: { kind: 'word', word: 'drone' } },
        {
          kind: 'and',
          children: [
            { kind: 'term', term: { kind: 'word', word: 'rocket' } },
            { kind: 'term', term: { kind: 'word', word: 'attack' } },
          ],
        },
      ],
    });
  });

  it('reads NOT, -word and parentheses', () => {
    expect(parse('-(drone or rocket)')).toEqual(parse('NOT (drone OR rocket)'));
    expect(parse('drone -rocket')).toEqual({
      kind: 'and',
      children: [
        { kind: 'term', term: { kind: 'word', word: 'drone' } },
        { kind: 'not', child: { kind: 'term', term: { kind: 'word', word: 'rocket' } } },
      ],
    });
  });

  it('resolves gazetteer aliases in bare words and phrases to ids', () => {
    expect(parse('Kataib Hezbollah drone')).toEqual({
      kind: 'and',
      children: [
        {
          kind: 'term',
          term: {
            kind: 'entity',
            id: 'kataib-hezbollah',
            words: ['kataib', 'hezbollah'],
            text: ' kataib hezbollah ',
          },
        },
        { kind: 'term', term: { kind: 'word', word: 'drone' } },
      ],
    });
    expect(parse('"KATAʼIB HIZBOLLAH"')).toMatchObject({ term: { id: 'kataib-hezbollah' } });
    expect(parse('"car bomb"')).toEqual({
      kind: 'term',
      term: { kind: 'phrase', words: ['car', 'bomb'], text: ' car bomb ' },
    });
  });

  it('normalises field values: aliases to ids, sides and topics to keys', () => {
    expect(parse('place:"Ayn al-Asad"')).toMatchObject({ term: { value: 'id:ain-al-asad' } });
    expect(parse('actor:daesh')).toMatchObject({ term: { value: 'id:isis' } });
    expect(parse('side:Americans')).toMatchObject({ term: { field: 'side', value: 'us' } });
    expect(parse('topic:"Militia Attacks"')).toMatchObject({ term: { value: 'militia-attacks' } });
    expect(parse('place:Nowhere')).toMatchObject({ term: { value: 'n:nowhere' } });
  });

  it('reads casualty thresholds with every operator and spacing', () => {
    expect(parse('killed>=1')).toEqual({
      kind: 'term',
      term: { kind: 'count', measure: 'killed', op: '>=', value: 1 },
    });
    expect(parse('wounded > 4')).toMatchObject({ term: { measure: 'injured', op: '>', value: 4 } });
    expect(parse('injured<=2')).toMatchObject({ term: { op: '<=' } });
    expect(parse('killed=3')).toMatchObject({ term: { op: '=', value: 3 } });
  });

  it('says where a query breaks and what was expected', () => {
    expect(errorOf('drone AND')).toMatchObject({ column: 10, found: 'end of query' });
    expect(errorOf('drone AND').message).toMatch(/expected a word/);
    expect(errorOf('(drone OR rocket')).toMatchObject({
      column: 17,
      expected: '")" to close the "(" at column 1',
    });
    expect(errorOf('drone "car bomb')).toMatchObject({
      column: 7,
      expected: expect.stringMatching(/closing "/),
    });
    expect(errorOf('colour:red')).toMatchObject({ column: 1, found: '"colour:"' });
    expect(errorOf('place: OR x')).toMatchObject({ column: 8, found: 'OR' });
    expect(errorOf('drone ) rocket')).toMatchObject({ column: 7, found: '")"' });
    expect(errorOf('')).toMatchObject({ column: 1, found: 'end of query' });
    expect(errorOf('drone OR OR')).toMatchObject({ column: 10 });
    expect(errorOf('drone !!!')).toMatchObject({ column: 7, found: '"!!!"' });
  });
});
