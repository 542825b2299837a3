import { z } from 'zod';
import type { FeatureVector } from './item-features.js';
import { sigmoid } from './logistic.js';

/** The head that decides on/off; the other heads are topic ids. */
export const ON_HEAD = 'on';

const headSchema = z.object({
  bias: z.number(),
  /** Probability at or above which the head says yes (chosen from cross-validation). */
  threshold: z.number().min(0).max(1),
});

/**
 * The learned topic model as stored in `config/topic-model.json` (written by `sitrep topics
 * train`): the heads with their bias and threshold, then one row per feature — its name and its
 * weight in each head, in the order of `heads` — so a retrained model diffs line by line.
 */
export const topicModelSchema = z
  .object({
    format: z.literal('sitrep-topic-model/1'),
    /** How it was trained: the command, inputs, sizes, options and the cross-validated figures. */
    trainedWith: z.record(z.string(), z.unknown()).default({}),
    heads: z.record(z.string(), headSchema),
    weights: z.array(z.tuple([z.string().min(1)], z.number())),
  })
  .superRefine((m, ctx) => {
    if (!(ON_HEAD in m.heads))
      ctx.addIssue({
        code: 'custom',
        path: ['heads'],
        message: `the model has no "${ON_HEAD}" head`,
      });
    const n = Object.keys(m.heads).length;
    m.weights.forEach((row, i) => {
      if (row.length !== n + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['weights', i],
          message: `${row[0]}: ${row.length - 1} weights for ${n} heads`,
        });
    });
  });

export type TopicModelData = z.output<typeof topicModelSchema>;

/** The model file's text: one line per feature row. */
export function formatTopicModel(data: TopicModelData): string {
  const { weights, ...head } = data;
  const rows = weights.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "weights": [\n${rows}\n  ]\n}\n`;
}

/** One head's verdict on an item, with the features that pushed it most either way. */
export interface HeadScore {
  readonly head: string;
  readonly probability: number;
  readonly threshold: number;
  /** Feature contributions (weight × value), largest magnitude first (computed on demand). */
  contributions(): readonly (readonly [string, number])[];
}

export interface TopicModel {
  readonly heads: readonly string[];
  score(features: FeatureVector): HeadScore[];
}

/** A loaded model: feature names resolved to indices once, scoring by sparse dot products. */
export function createTopicModel(data: TopicModelData): TopicModel {
  const index = new Map(data.weights.map((row, i) => [row[0], i]));
  const heads = Object.entries(data.heads).map(
    ([name, h], k) =>
      [
        name,
        { ...h, weights: Float64Array.from(data.weights, (row) => Number(row[k + 1] ?? 0)) },
      ] as const,
  );
  return {
    heads: heads.map(([name]) => name),
    score(features) {
      const hits: [string, number, number][] = [];
      for (const [name, value] of features) {
        const i = index.get(name);
        if (i !== undefined) hits.push([name, i, value]);
      }
      return heads.map(([head, h]) => {
        let logit = h.bias;
        for (const [, i, value] of hits) logit += (h.weights[i] ?? 0) * value;
        const contributions = (): [string, number][] =>
          hits
            .map(([name, i, value]): [string, number] => [name, (h.weights[i] ?? 0) * value])
            .filter(([, c]) => c !== 0)
            .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
        return { head, probability: sigmoid(logit), threshold: h.threshold, contributions };
      });
    },
  };
}
