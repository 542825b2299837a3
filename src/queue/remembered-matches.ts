/**
 * One item is matched at poll time (to drop off-topic items before queueing), again when its
 * article may be fetched, and again in its item job: the same input each time unless the
 * article added text. This wrapper remembers the recent on-topic answers by a hash of exactly
 * what the matcher reads, so those repeats cost a lookup (off-topic items, most of any feed,
 * are matched once and not kept).
 */
import { createHash } from 'node:crypto';
import type { MatchInput } from '../match/item-text.js';
import type { TopicMatcher } from '../match/topic-matcher.js';

export function rememberMatches(matcher: TopicMatcher, size = 2_000): TopicMatcher {
  const kept = new Map<string, ReturnType<TopicMatcher['match']>>();
  const keyOf = (i: MatchInput) =>
    createHash('sha1')
      .update(JSON.stringify([i.title, i.summary, i.content, i.published, i.source, i.url]))
      .digest('base64');
  return {
    match(input) {
      const key = keyOf(input);
      const hit = kept.get(key);
      if (hit) return hit;
      const m = matcher.match(input);
      if (m.match) {
        kept.set(key, m);
        if (kept.size > size) {
          const oldest = kept.keys().next().value;
          if (oldest !== undefined) kept.delete(oldest);
        }
      }
      return m;
    },
    explainAll: (input) => matcher.explainAll(input),
  };
}
