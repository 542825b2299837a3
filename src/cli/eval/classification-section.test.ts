import { describe, expect, it } from 'vitest';
import { evaluateClassification, formatClassification } from './classification-section.js';
import type { LabelledItem } from './labelled-item.js';

const item = (id: string, on: boolean, topics: string[], nearMiss = false): LabelledItem => ({
  id,
  title: id,
  summary: '',
  on,
  topics,
  nearMiss,
});

describe('evaluateClassification', () => {
  const items = [
    item('a', true, ['x']),
    item('b', true, ['y']),
    item('c', false, [], true),
    item('d', false, [], true),
  ];
  const predicted: Record<string, string[]> = { a: ['x'], b: [], c: ['x'], d: [] };
  const r = evaluateClassification(
    items,
    (i) => {
      const topics = predicted[i.id] ?? [];
      return { match: topics.length > 0, topics, why: `why ${i.id}` };
    },
    ['x', 'y'],
  );

  it('computes on/off, per-topic and near-miss figures', () => {
    expect(r.onOff).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5 });
    expect(r.perTopic.get('x')).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    expect(r.perTopic.get('y')).toMatchObject({ tp: 0, fp: 0, fn: 1, f1: 0 });
    expect(r.nearMissFpRate).toBe(0.5);
  });

  it('lists each misclassified item with its why', () => {
    const text = formatClassification('t', r, true);
    expect(text).toMatch(/FN b \[y\]: b\n\s+why: why b/);
    expect(text).toMatch(/FP c: c\n\s+why: why c/);
  });
});
