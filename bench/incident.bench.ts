/**
 * Incident extraction + clustering throughput on synthetic items (generated here, not the eval
 * set): reports of a few hundred events from several outlets, arriving in time order, each
 * extracted and clustered against the open incidents. `run()` returns a markdown section.
 */
import path from 'node:path';
import { configSchema } from '../src/config/schema.js';
import { loadVocabulary } from '../src/config/load-vocabulary.js';
import { PACKAGE_ROOT } from '../src/config/load-config.js';
import type { TopicMatch } from '../src/domain/topic-match.js';
import { DEFAULT_CLUSTER_CONFIG } from '../src/incident/cluster/cluster-config.js';
import { EMPTY_CLUSTER_STATE, type ClusterState } from '../src/incident/cluster/cluster-state.js';
import { extractReport } from '../src/incident/extract/extract-facts.js';
import { processReport, type ClusterItem } from '../src/incident/process-report.js';
import { summariseIncident } from '../src/summary/summarise.js';

const PLACES = [
  'Ain al-Asad',
  'Erbil',
  'Deir ez-Zor',
  'Kirkuk',
  'Baghdad',
  'Hasakah',
  'Anbar',
  'Tower 22',
];
const EVENTS = [
  ['drone attack on', 'wounded', 'US troops'],
  ['rocket attack on', 'injured', 'coalition personnel'],
  ['raid near', 'killed', 'ISIS militants'],
  ['airstrike near', 'killed', 'militia fighters'],
] as const;
const NUMBERS = ['two', 'three', 'four', '5', 'seven', 'at least 9', 'a dozen', 'several'];
const OUTLETS = ['Outlet A', 'Outlet B', 'Outlet C', 'Outlet D'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FILLER =
  'Officials said the situation remained calm while residents described hearing several loud sounds overnight. ' +
  'About 2,500 US troops remain in Iraq. Subscribe to our newsletter for updates.';

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

export function syntheticItems(count: number): ClusterItem[] {
  const out: ClusterItem[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i += 1) {
    const event = Math.floor(i / 3);
    const [what, verb, victims] = pick(EVENTS, event);
    const place = pick(PLACES, event * 7);
    const n = pick(NUMBERS, event + (i % 3));
    const published = new Date(start + event * 6 * 3_600_000 + (i % 3) * 3_600_000);
    const day = pick(WEEKDAYS, published.getUTCDay());
    const variants = [
      [
        `${n} ${victims} ${verb} in ${what} ${place}`,
        `A ${what} ${place} on ${day} ${verb} ${n} ${victims}, officials said.`,
      ],
      [
        `${what} ${place}: ${n} ${victims} ${verb}, officials say`,
        `Officials said ${n} ${victims} were ${verb} on ${day} in a ${what} ${place}.`,
      ],
      [
        `Report: ${victims} ${verb} after ${what} ${place}`,
        `${n} ${victims} were ${verb} when a ${what} ${place} took place late ${day}, a spokesman said.`,
      ],
    ] as const;
    const [title, lead] = pick(variants, i);
    out.push({
      id: `bench-${i}`,
      title,
      summary: `${lead} ${FILLER}`,
      published: published.toISOString(),
      source: pick(OUTLETS, i),
      url: `https://${pick(OUTLETS, i).replace(' ', '').toLowerCase()}.example/${event}/${i}`,
    });
  }
  return out;
}

const MATCH: TopicMatch = {
  match: true,
  score: 0.8,
  topics: [{ topic: 'bench', score: 0.8 }],
  why: 'bench',
};

export async function run(): Promise<string> {
  const root = (p: string): string => path.join(PACKAGE_ROOT, p);
  const vocabulary = loadVocabulary(
    configSchema.parse({
      match: { gazetteer: root('config/gazetteer.yml'), lexicon: root('config/lexicon.yml') },
    }),
  );
  const items = syntheticItems(3000);
  const t0 = performance.now();
  for (const item of items) extractReport(item, vocabulary);
  const extractMs = performance.now() - t0;
  let state: ClusterState = EMPTY_CLUSTER_STATE;
  const kinds = { new: 0, update: 0, duplicate: 0 };
  const t1 = performance.now();
  for (const item of items) {
    const r = processReport(state, item, MATCH, new Date(), {
      vocabulary,
      summarise: summariseIncident,
      // More open incidents than the default 200: the bench's cost per report grows with them.
      config: { ...DEFAULT_CLUSTER_CONFIG, openIncidents: { lookback: 7 * 86_400_000, max: 2000 } },
    });
    state = r.state;
    kinds[r.kind] += 1;
  }
  const totalMs = performance.now() - t1;
  const rate = (ms: number) => Math.round((items.length / ms) * 1000);
  return [
    '## Incidents (extraction + clustering)',
    '',
    `${items.length} synthetic reports (~3 outlets per event), one core:`,
    '',
    '| stage | items/s |',
    '|---|---|',
    `| extraction only | ${rate(extractMs)} |`,
    `| extraction + clustering + summary (processReport) | ${rate(totalMs)} |`,
    '',
    `outcomes: ${kinds.new} new, ${kinds.update} updates, ${kinds.duplicate} duplicates; open incidents kept: ${state.open.length}`,
  ].join('\n');
}
