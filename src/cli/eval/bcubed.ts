/** BCubed precision/recall/F1 of a clustering against gold keys (Bagga & Baldwin 1998). */
export interface BCubed {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function bcubed(items: readonly { cluster: string; key: string }[]): BCubed {
  if (items.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const byCluster = new Map<string, Map<string, number>>();
  const byKey = new Map<string, number>();
  for (const { cluster, key } of items) {
    const keys = byCluster.get(cluster) ?? new Map<string, number>();
    keys.set(key, (keys.get(key) ?? 0) + 1);
    byCluster.set(cluster, keys);
    byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  let p = 0;
  let r = 0;
  for (const { cluster, key } of items) {
    const keys = byCluster.get(cluster) ?? new Map<string, number>();
    const both = keys.get(key) ?? 0;
    const size = [...keys.values()].reduce((a, b) => a + b, 0);
    p += both / size;
    r += both / (byKey.get(key) ?? 1);
  }
  const precision = p / items.length;
  const recall = r / items.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
