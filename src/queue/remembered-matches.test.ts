import { describe, expect, it } from 'vitest';
import type { MatchInput } from '../match/item-text.js';
import type { TopicMatcher } from '../match/topic-matcher.js';
import { rememberMatches } from './remembered-matches.js';

/** A matcher that counts its calls: on topic when the title mentions a drone. */
function counting(): { matcher: TopicMatcher; calls: MatchInput[] } {
  const calls: MatchInput[] = [];
  const matcher = {
    match(input: MatchInput) {
      calls.push(input);
      const on = /drone/i.test(input.title);
      return {
        match: on,
        topics: on ? [{ topic: 'militia-attacks', score: 0.9 }] : [],
        why: 'test',
      };
    },
    explainAll() {
      throw new Error('not used');
    },
  } as unknown as TopicMatcher;
  return { matcher, calls };
}

describe('rememberMatches', () => {
  it('answers a repeated on-topic input from memory and matches changed text again', () => {
    const c = counting();
    const m = rememberMatches(c.matcher);
    const item = {
      title: 'Drone hits Ain al-Asad',
      summary: 'Two hurt.',
      url: 'https://a.example/1',
    };
    const first = m.match(item);
    expect(m.match({ ...item })).toBe(first);
    expect(c.calls).toHaveLength(1);
    // Its article added text: the matcher reads it again.
    m.match({ ...item, content: 'A one-way drone struck the base at dawn.' });
    expect(c.calls).toHaveLength(2);
  });

  it('does not keep off-topic answers, and keeps at most `size` on-topic ones', () => {
    const c = counting();
    const m = rememberMatches(c.matcher, 2);
    const off = { title: 'Oil deal signed', summary: '' };
    m.match(off);
    m.match(off);
    expect(c.calls).toHaveLength(2);
    for (const n of [1, 2, 3]) m.match({ title: `Drone ${n}`, summary: '' });
    m.match({ title: 'Drone 1', summary: '' }); // the oldest was dropped
    m.match({ title: 'Drone 3', summary: '' }); // still kept
    expect(c.calls.map((i) => i.title)).toEqual([
      'Oil deal signed',
      'Oil deal signed',
      'Drone 1',
      'Drone 2',
      'Drone 3',
      'Drone 1',
    ]);
  });
});
