import type { Classify } from './classification-section.js';

const PLACE = /\b(Iraq|Iraqi|Syria|Syrian)\b/;
const US = /\bUS\b|\bU\.S\.|\bAmerican\b|\b[Cc]oalition\b/;

/**
 * The naive keyword baseline of issue 3 on headline + summary:
 * (Iraq|Iraqi|Syria|Syrian) AND (US|U.S.|American|coalition). "US" only in capitals (else every
 * "us" would count). It names no topics, so its per-topic figures are zero.
 */
export const keywordBaseline: Classify = (item) => {
  const text = `${item.title} ${item.summary}`;
  const match = PLACE.test(text) && US.test(text);
  return { match, topics: [], why: match ? 'keyword rule matched' : 'keyword rule did not match' };
};
