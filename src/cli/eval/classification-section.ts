import type { TopicMatch } from '../../domain/topic-match.js';
import type { LabelledItem } from './labelled-item.js';
import { prf, prfLine, pct, type Prf } from './metrics.js';

/** A classifier under evaluation: our matcher, or the naive keyword baseline. */
export type Classify = (item: LabelledItem) => Pick<TopicMatch, 'match' | 'why'> & {
  topics: readonly string[];
};

export interface ClassificationResult {
  readonly onOff: Prf;
  readonly perTopic: ReadonlyMap<string, Prf>;
  readonly macroF1: number;
  readonly nearMissFpRate: number;
  readonly nearMisses: number;
  readonly errors: readonly {
    item: LabelledItem;
    predicted: boolean;
    topics: readonly string[];
    why: string;
  }[];
}

/** Scores a classifier on labelled items: on/off, per topic (on items), near-miss false positives. */
export function evaluateClassification(
  items: readonly LabelledItem[],
  classify: Classify,
  topicIds: readonly string[],
): ClassificationResult {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let nmFp = 0;
  const t = new Map(topicIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const errors: ClassificationResult['errors'][number][] = [];
  for (const item of items) {
    const r = classify(item);
    if (r.match && item.on) tp += 1;
    else if (r.match) fp += 1;
    else if (item.on) fn += 1;
    if (r.match && !item.on && item.nearMiss) nmFp += 1;
    if (r.match !== item.on)
      errors.push({ item, predicted: r.match, topics: r.topics, why: r.why });
    for (const [id, c] of t) {
      const predicted = r.match && r.topics.includes(id);
      const gold = item.topics.includes(id);
      if (predicted && gold) c.tp += 1;
      else if (predicted) c.fp += 1;
      else if (gold) c.fn += 1;
    }
  }
  const perTopic = new Map([...t].map(([id, c]) => [id, prf(c.tp, c.fp, c.fn)]));
  const f1s = [...perTopic.values()].map((m) => m.f1);
  const nearMisses = items.filter((i) => !i.on && i.nearMiss).length;
  return {
    onOff: prf(tp, fp, fn),
    perTopic,
    macroF1: f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length),
    nearMissFpRate: nearMisses === 0 ? 0 : nmFp / nearMisses,
    nearMisses,
    errors,
  };
}

/** The figures as text lines. */
export function formatClassification(
  name: string,
  r: ClassificationResult,
  listErrors: boolean,
): string {
  const lines = [
    `## ${name}`,
    prfLine('on/off', r.onOff),
    ...[...r.perTopic].map(([id, m]) => prfLine(`  ${id}`, m)),
    `${'macro F1 (topics)'.padEnd(20)} ${pct(r.macroF1)}`,
    `${'near-miss FP rate'.padEnd(20)} ${pct(r.nearMissFpRate)} (of ${r.nearMisses} near misses)`,
  ];
  if (listErrors) {
    lines.push('', `misclassified (${r.errors.length}):`);
    for (const e of r.errors) {
      const kind = e.predicted ? 'FP' : 'FN';
      const gold = e.item.topics.length > 0 ? ` [${e.item.topics.join(',')}]` : '';
      lines.push(`  ${kind} ${e.item.id}${gold}: ${e.item.title}`, `     why: ${e.why}`);
    }
  }
  return lines.join('\n');
}
