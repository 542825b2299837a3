/**
 * The incident section of `sitrep eval`: clustering BCubed against `event_key` on the on-topic
 * items (in file order), and the seed extraction checks (plus: no seed summary quotes furniture).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicMatch } from '../../domain/topic-match.js';
import type { ClusterConfig } from '../../incident/cluster/cluster-config.js';
import { EMPTY_CLUSTER_STATE, type ClusterState } from '../../incident/cluster/cluster-state.js';
import { extractReport } from '../../incident/extract/extract-facts.js';
import { isFurniture } from '../../incident/extract/page-furniture.js';
import { processReport } from '../../incident/process-report.js';
import type { ExtractionVocabulary } from '../../incident/extract/vocabulary.js';
import { summarise, summariseIncident } from '../../summary/summarise.js';
import { bcubed, type BCubed } from './bcubed.js';
import type { LabelledItem } from './labelled-item.js';
import { SEED_EXPECTATIONS } from './seed-checks.js';

export interface IncidentEvalDeps {
  readonly vocabulary: ExtractionVocabulary;
  readonly cluster?: ClusterConfig;
  /** The topic matcher; when given, an end-to-end figure is added (unmatched = singletons). */
  readonly match?: (item: LabelledItem) => TopicMatch;
  /** Seeds directory (default ../shared/seeds relative to the working directory). */
  readonly seedsDir?: string;
}

const ALWAYS: TopicMatch = { match: true, score: 1, topics: [], why: 'eval: gold on-topic' };

function cluster(
  items: readonly LabelledItem[],
  deps: IncidentEvalDeps,
  useMatcher: boolean,
): BCubed {
  let state: ClusterState = EMPTY_CLUSTER_STATE;
  const now = new Date('2030-01-01T00:00:00Z');
  const rows = items.map((item) => {
    const m = useMatcher && deps.match ? deps.match(item) : ALWAYS;
    if (!m.match) return { cluster: `unmatched:${item.id}`, key: item.eventKey ?? item.id };
    const r = processReport(state, item, m, now, {
      vocabulary: deps.vocabulary,
      summarise: summariseIncident,
      ...(deps.cluster ? { config: deps.cluster } : {}),
    });
    state = r.state;
    return { cluster: r.incident.id, key: item.eventKey ?? item.id };
  });
  return bcubed(rows);
}

const pct = (x: number) => x.toFixed(3);

function seedSection(dir: string, vocabulary: ExtractionVocabulary): string[] {
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [`seed checks skipped: cannot read ${dir}`];
  }
  const out: string[] = [];
  let passed = 0;
  let total = 0;
  for (const exp of SEED_EXPECTATIONS) {
    const file = files.find((f) => f.startsWith(exp.file));
    if (!file) {
      out.push(`- ${exp.file}*: missing`);
      continue;
    }
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    const ti = lines.findIndex((l) => l.trim() !== '' && !isFurniture(l));
    const report = extractReport(
      { title: lines[ti] ?? '', summary: lines.slice(ti + 1).join('\n'), published: exp.published },
      vocabulary,
    );
    const summary = summarise({ facts: report.facts, sentences: report.sentences, outlets: 1 });
    const checks = [
      ...exp.checks.map((c) => ({ what: c.what, ok: c.ok(report.facts) })),
      {
        what: 'summary quotes no furniture',
        ok: summary.split('\n').every((p) => !isFurniture(p)),
      },
      { what: 'summary ≤ 300 chars', ok: summary.length <= 300 },
    ];
    passed += checks.filter((c) => c.ok).length;
    total += checks.length;
    out.push(`- ${file} (${exp.about}):`);
    for (const c of checks) out.push(`    ${c.ok ? '✓' : '✗'} ${c.what}`);
  }
  return [`seed extraction checks: ${passed}/${total} passed`, ...out];
}

/** The incident section as text. `items` are all labelled items; only on-topic ones are clustered. */
export function incidentSection(items: readonly LabelledItem[], deps: IncidentEvalDeps): string {
  const on = items.filter((i) => i.on);
  const gold = cluster(on, deps, false);
  const lines = [
    '## Incidents',
    '',
    `clustering, ${on.length} on-topic items in file order (BCubed vs event_key): ` +
      `P ${pct(gold.precision)} R ${pct(gold.recall)} F1 ${pct(gold.f1)}`,
  ];
  if (deps.match) {
    const e2e = cluster(on, deps, true);
    lines.push(
      `end to end (topic matcher first; an unmatched item counts as its own cluster): ` +
        `P ${pct(e2e.precision)} R ${pct(e2e.recall)} F1 ${pct(e2e.f1)}`,
    );
  }
  lines.push(
    '',
    ...seedSection(deps.seedsDir ?? join(process.cwd(), '..', 'shared', 'seeds'), deps.vocabulary),
  );
  return lines.join('\n');
}
