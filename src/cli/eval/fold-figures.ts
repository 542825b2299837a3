import { evaluateClassification, type ClassificationResult } from './classification-section.js';
import type { LabelledItem } from './labelled-item.js';
import { pct } from './metrics.js';

/** One classifier's verdict per item (index-aligned with the items). */
export interface Verdict {
  readonly match: boolean;
  readonly topics: readonly string[];
}

/** Figures of one fold (or one whole set). */
export interface FoldFigures {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly nearMissFpr: number;
  readonly macroF1: number;
  readonly perTopic: ReadonlyMap<string, number>;
}

export function figures(
  items: readonly LabelledItem[],
  verdicts: readonly Verdict[],
  topicIds: readonly string[],
): FoldFigures {
  const at = new Map(items.map((item, i) => [item, verdicts[i]]));
  const r: ClassificationResult = evaluateClassification(
    items,
    (item) => ({ match: false, topics: [], ...at.get(item), why: '' }),
    topicIds,
  );
  return {
    precision: r.onOff.precision,
    recall: r.onOff.recall,
    f1: r.onOff.f1,
    nearMissFpr: r.nearMissFpRate,
    macroF1: r.macroF1,
    perTopic: new Map([...r.perTopic].map(([t, m]) => [t, m.f1])),
  };
}

/** Figures per fold: items of fold f, scored by their own verdicts. */
export function foldFigures(
  items: readonly LabelledItem[],
  verdicts: readonly Verdict[],
  folds: readonly number[],
  topicIds: readonly string[],
): FoldFigures[] {
  const k = Math.max(...folds) + 1;
  return Array.from({ length: k }, (_, f) => {
    const idx = folds.flatMap((x, i) => (x === f ? [i] : []));
    return figures(
      idx.map((i) => items[i] as LabelledItem),
      idx.map((i) => verdicts[i] as Verdict),
      topicIds,
    );
  });
}

function meanSd(xs: readonly number[]): string {
  const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
  return `${pct(mean)} ± ${pct(sd)}`;
}

/** A Markdown table row per figure: mean ± standard deviation over the folds. */
export function formatFolds(
  name: string,
  folds: readonly FoldFigures[],
  topicIds: readonly string[],
): string[] {
  const row = (label: string, pick: (f: FoldFigures) => number): string =>
    `| ${name} | ${label} | ${meanSd(folds.map(pick))} |`;
  return [
    row('on/off precision', (f) => f.precision),
    row('on/off recall', (f) => f.recall),
    row('on/off F1', (f) => f.f1),
    row('near-miss FPR', (f) => f.nearMissFpr),
    row('macro F1 (topics)', (f) => f.macroF1),
    ...topicIds.map((t) => row(`F1 ${t}`, (f) => f.perTopic.get(t) ?? 0)),
  ];
}
