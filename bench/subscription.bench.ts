/**
 * Subscription matching through the index: 100,000 subscriptions in a realistic mix (see
 * REALISTIC_MIX), one incident at a time. `run()` returns a markdown section (median / p95 time
 * per incident, candidates evaluated, exact hits, match rate).
 */
import { incidentFeatures } from '../src/subscription/incident-features.js';
import { KeyFrequency } from '../src/subscription/key-frequency.js';
import { parseQuery } from '../src/subscription/query-parser.js';
import type { Query } from '../src/subscription/query.js';
import { SubscriptionIndex, type MatchStats } from '../src/subscription/subscription-index.js';
import {
  corpusGazetteerExtras,
  randomIncident,
  realisticQuery,
  REALISTIC_MIX,
  seededRandom,
} from '../test/support/random-corpus.js';
import { testGazetteer } from '../test/support/test-gazetteer.js';

const SUBSCRIPTIONS = 100_000;
const INCIDENTS = 2_000;
const WARM_UP = 200;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function buildIndex(): { index: SubscriptionIndex<{ id: string; query: Query }>; ms: number } {
  const gazetteer = testGazetteer(corpusGazetteerExtras());
  const r = seededRandom(7);
  // Key frequencies learnt from earlier incidents, as the worker does from its recent history.
  const frequency = new KeyFrequency();
  for (let i = 0; i < 1000; i += 1) {
    frequency.observe(incidentFeatures(randomIncident(r, -i - 1), gazetteer));
  }
  const index = new SubscriptionIndex<{ id: string; query: Query }>((k) => frequency.frequency(k));
  const t0 = performance.now();
  for (let i = 0; i < SUBSCRIPTIONS; i += 1) {
    const parsed = parseQuery(realisticQuery(r), { gazetteer });
    if (parsed.ok) index.add({ id: `s${i}`, query: parsed.query });
  }
  return { index, ms: performance.now() - t0 };
}

export async function run(): Promise<string> {
  const gazetteer = testGazetteer(corpusGazetteerExtras());
  const { index, ms: buildMs } = buildIndex();
  const r = seededRandom(11);
  // Warm-up (JIT, caches) on other incidents, not timed.
  for (let i = 0; i < WARM_UP; i += 1)
    index.match(incidentFeatures(randomIncident(r, -i - 1), gazetteer));
  const incidents = Array.from({ length: INCIDENTS }, (_, i) => randomIncident(r, i));
  const times: number[] = [];
  const featureTimes: number[] = [];
  const stats: MatchStats = { verified: 0, exact: 0 };
  const sum = { verified: 0, exact: 0, matched: 0 };
  for (const incident of incidents) {
    const start = performance.now();
    const features = incidentFeatures(incident, gazetteer);
    const mid = performance.now();
    const hits = index.match(features, stats);
    times.push(performance.now() - start);
    featureTimes.push(mid - start);
    sum.verified += stats.verified;
    sum.exact += stats.exact;
    sum.matched += hits.length;
  }
  times.sort((a, b) => a - b);
  featureTimes.sort((a, b) => a - b);
  const fmt = (ms: number): string => ms.toFixed(3);
  const per = (n: number): string => (n / INCIDENTS).toFixed(0);
  const rate = (100 * sum.matched) / INCIDENTS / index.size;
  return [
    '## Subscription matching (index)',
    '',
    `${index.size.toLocaleString('en')} subscriptions in a realistic mix, ${INCIDENTS} random`,
    `incidents after ${WARM_UP} untimed warm-up ones; time per incident includes computing its`,
    'features (tokens, gazetteer mentions, field keys). Mix of subscriptions (names and words',
    'drawn Zipf-like from a vocabulary of ~270 gazetteer names and ~5,200 words):',
    '',
    ...REALISTIC_MIX.map(([kind, share]) => `- ${(share * 100).toFixed(0)}% ${kind}`),
    '',
    '| metric | value |',
    '|---|---|',
    `| distinct queries | ${index.queries.toLocaleString('en')} |`,
    `| build index | ${buildMs.toFixed(0)} ms |`,
    `| median per incident | ${fmt(quantile(times, 0.5))} ms |`,
    `| p95 per incident | ${fmt(quantile(times, 0.95))} ms |`,
    `| max per incident | ${fmt(times[times.length - 1] ?? NaN)} ms |`,
    `| of which incident features (median) | ${fmt(quantile(featureTimes, 0.5))} ms |`,
    `| distinct queries evaluated per incident | ${per(sum.verified)} |`,
    `| distinct queries matched by a key alone (not evaluated) | ${per(sum.exact)} |`,
    `| matching subscriptions per incident | ${per(sum.matched)} |`,
    `| match rate (matches / subscriptions) | ${rate.toFixed(2)}% |`,
    '',
  ].join('\n');
}
