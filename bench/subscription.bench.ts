/**
 * Subscription matching through the index: 100,000 random subscriptions, one incident at a time.
 * `run()` returns a markdown section (median / p95 time per incident, candidates verified).
 */
import { incidentFeatures } from '../src/subscription/incident-features.js';
import { KeyFrequency } from '../src/subscription/key-frequency.js';
import { parseQuery } from '../src/subscription/query-parser.js';
import type { Query } from '../src/subscription/query.js';
import { SubscriptionIndex } from '../src/subscription/subscription-index.js';
import {
  corpusGazetteerExtras,
  randomIncident,
  randomQuery,
  seededRandom,
} from '../test/support/random-corpus.js';
import { testGazetteer } from '../test/support/test-gazetteer.js';

const SUBSCRIPTIONS = 100_000;
const INCIDENTS = 2_000;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export async function run(): Promise<string> {
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
    const parsed = parseQuery(randomQuery(r), { gazetteer });
    if (parsed.ok) index.add({ id: `s${i}`, query: parsed.query });
  }
  const buildMs = performance.now() - t0;
  const incidents = Array.from({ length: INCIDENTS }, (_, i) => randomIncident(r, i));
  const times: number[] = [];
  const stats = { verified: 0 };
  let verified = 0;
  let matched = 0;
  for (const incident of incidents) {
    const start = performance.now();
    const hits = index.match(incidentFeatures(incident, gazetteer), stats);
    times.push(performance.now() - start);
    verified += stats.verified;
    matched += hits.length;
  }
  times.sort((a, b) => a - b);
  const fmt = (ms: number): string => ms.toFixed(3);
  return [
    '## Subscription matching (index)',
    '',
    `${index.size.toLocaleString('en')} random subscriptions, ${INCIDENTS} random incidents; time`,
    'per incident includes computing its features (tokens, gazetteer mentions, field keys).',
    '',
    '| metric | value |',
    '|---|---|',
    `| build index | ${buildMs.toFixed(0)} ms |`,
    `| median per incident | ${fmt(quantile(times, 0.5))} ms |`,
    `| p95 per incident | ${fmt(quantile(times, 0.95))} ms |`,
    `| max per incident | ${fmt(times[times.length - 1] ?? NaN)} ms |`,
    `| queries verified per incident | ${(verified / INCIDENTS).toFixed(0)} |`,
    `| matches per incident | ${(matched / INCIDENTS).toFixed(0)} |`,
    '',
  ].join('\n');
}
