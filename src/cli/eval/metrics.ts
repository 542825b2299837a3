export interface Prf {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Precision, recall and F1 from counts (an empty class scores 1 when nothing was predicted). */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

export function pct(x: number): string {
  return x.toFixed(3);
}

export function prfLine(label: string, m: Prf): string {
  return `${label.padEnd(20)} P ${pct(m.precision)}  R ${pct(m.recall)}  F1 ${pct(m.f1)}  (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`;
}
