import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../domain/errors.js';
import { loadConfig } from '../config/load-config.js';
import { loadMatcher } from '../config/load-matcher.js';
import { createFeatureReader } from '../match/item-reading.js';
import {
  chooseThreshold,
  chooseTopicThreshold,
  groupFolds,
  operatingCurve,
  outOfFold,
} from '../match/model/cross-validate.js';
import { formatTopicModel, ON_HEAD } from '../match/model/topic-model.js';
import {
  DEFAULT_TRAIN,
  predictHeads,
  toModelData,
  trainHeads,
  type TrainingExample,
  type TrainOptions,
} from '../match/model/train-model.js';
import { createTopicMatcher } from '../match/topic-matcher.js';
import {
  figures,
  foldFigures,
  formatFolds,
  type FoldFigures,
  type Verdict,
} from './eval/fold-figures.js';
import { readLabelledItems, type LabelledItem } from './eval/labelled-item.js';
import { pct } from './eval/metrics.js';
import { writeLine, type CliIo } from './io.js';

export const TRAIN_USAGE = `usage: sitrep topics train --input FILE [--input FILE ...] [--out FILE] [--folds K]
                           [--repeats R] [--seed N] [--holdout PCT] [--report-holdout] [--errors]
                           [--l2 LIST] [--word-penalty LIST] [--max-near-miss-fpr X]

Trains the learned topic decision (an on/off head and one head per topic, L2-regularised
logistic regression over the matcher's evidence) on labelled JSON-lines files (the format of
../shared/eval/README.md). Reproducible: fixed seed, deterministic training.
- PCT % of the events (default 15) are held out, untouched; --report-holdout scores them once.
- The rest is cross-validated in K folds (default 5) split by event (all reports of one event in
  one fold), R times (default 3) with different shuffles; the L2 penalty is picked from LIST
  (default 0.0001,0.0003,0.001,0.003), and the extra penalty on word n-grams relative to the
  domain features from --word-penalty (default 0.5,1,2), by recall at the near-miss limit; the on/off threshold is the
  one with the highest cross-validated recall whose near-miss false-positive rate stays within X
  (default 0.03); topic thresholds maximise each topic's cross-validated F1.
- --errors lists the out-of-fold mistakes (on/off and topics) of the first shuffle.
- Prints mean ± spread over the folds for the model and for the hand rules, and the operating
  curve; then trains on everything and writes the model (default: the config's match.model).`;

interface Data {
  readonly items: readonly LabelledItem[];
  readonly files: readonly string[];
  readonly fileOf: readonly number[];
  readonly examples: readonly TrainingExample[];
  readonly groups: readonly string[];
  readonly rules: readonly Verdict[];
}

function bucket(group: string): number {
  return createHash('sha256').update(group).digest().readUInt32BE(0) % 100;
}

function readData(
  files: readonly string[],
  config: ReturnType<typeof loadConfig>,
): { data: Data; topicIds: string[] } {
  const { gazetteer, topics, lexicon } = loadMatcher(config.match, { model: false });
  const read = createFeatureReader(topics, gazetteer, lexicon, config.match);
  const rules = createTopicMatcher(topics, gazetteer, {
    lexicon,
    threshold: config.match.threshold,
    leadWords: config.match.leadWords,
    window: config.match.window,
  });
  const perFile = files.map((f) => readLabelledItems(f));
  const items = perFile.flat();
  const examples = items.map((i) => ({ features: read(i).features, on: i.on, topics: i.topics }));
  const verdicts = items.map((i) => {
    const m = rules.match(i);
    return { match: m.match, topics: m.topics.map((t) => t.topic) };
  });
  return {
    data: {
      items,
      files,
      fileOf: perFile.flatMap((list, f) => list.map(() => f)),
      examples,
      groups: items.map((i) => i.eventKey ?? `item:${i.id}`),
      rules: verdicts,
    },
    topicIds: topics.map((t) => t.id),
  };
}

function subset<T>(xs: readonly T[], idx: readonly number[]): T[] {
  return idx.map((i) => xs[i] as T);
}

interface Run {
  readonly options: TrainOptions;
  readonly oof: Map<string, number[]>[];
  readonly folds: number[][];
}

function thresholds(
  oof: readonly Map<string, number[]>[],
  items: readonly LabelledItem[],
  topicIds: readonly string[],
  maxNm: number,
): Map<string, number> {
  const pooled = (head: string): number[] => oof.flatMap((o) => o.get(head) ?? []);
  const rep = <T>(xs: readonly T[]): T[] => oof.flatMap(() => [...xs]);
  const on = rep(items.map((i) => i.on));
  const curve = operatingCurve(pooled(ON_HEAD), on, rep(items.map((i) => i.nearMiss)));
  const out = new Map([[ON_HEAD, chooseThreshold(curve, maxNm)]]);
  const onIdx = on.flatMap((x, i) => (x ? [i] : []));
  const byTopic = new Map(topicIds.map((t) => [t, pooled(t)]));
  const topOf = onIdx.map((i) => {
    const ranked = topicIds.map((t) => [t, byTopic.get(t)?.[i] ?? 0] as const);
    return ranked.sort((a, b) => b[1] - a[1])[0]?.[0];
  });
  for (const t of topicIds) {
    const p = onIdx.map((i) => byTopic.get(t)?.[i] ?? 0);
    const gold = rep(items.filter((i) => i.on).map((i) => i.topics.includes(t)));
    out.set(
      t,
      chooseTopicThreshold(
        p,
        gold,
        topOf.map((x) => x === t),
      ),
    );
  }
  return out;
}

function verdicts(
  probs: ReadonlyMap<string, number[]>,
  th: ReadonlyMap<string, number>,
  n: number,
  topicIds: readonly string[],
): Verdict[] {
  return Array.from({ length: n }, (_, i) => {
    const on = (probs.get(ON_HEAD)?.[i] ?? 0) >= (th.get(ON_HEAD) ?? 0.5);
    if (!on) return { match: false, topics: [] };
    const scored = topicIds.map((t) => [t, probs.get(t)?.[i] ?? 0] as const);
    const past = scored.filter(([t, p]) => p >= (th.get(t) ?? 0.5)).map(([t]) => t);
    const best = [...scored].sort((a, b) => b[1] - a[1])[0]?.[0];
    return { match: true, topics: past.length > 0 ? past : best ? [best] : [] };
  });
}

function crossValidate(
  data: Data,
  dev: readonly number[],
  topicIds: readonly string[],
  options: TrainOptions,
  k: number,
  repeats: number,
  seed: number,
): Run {
  const examples = subset(data.examples, dev);
  const groups = subset(data.groups, dev);
  const folds = Array.from({ length: repeats }, (_, r) => groupFolds(groups, k, seed + r));
  return {
    options,
    folds,
    oof: folds.map((f) => outOfFold(examples, f, topicIds, options)),
  };
}

function runFigures(
  run: Run,
  items: readonly LabelledItem[],
  th: ReadonlyMap<string, number>,
  topicIds: readonly string[],
): FoldFigures[] {
  return run.oof.flatMap((probs, r) =>
    foldFigures(items, verdicts(probs, th, items.length, topicIds), run.folds[r] ?? [], topicIds),
  );
}

const mean = (xs: readonly number[]): number =>
  xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function numberList(s: string | undefined, fallback: number[]): number[] {
  if (s === undefined) return fallback;
  const xs = s.split(',').map(Number);
  if (xs.some((x) => !Number.isFinite(x) || x < 0))
    throw new UserError('USAGE', `not a list of numbers: ${s}`);
  return xs;
}

function positiveInt(s: string | undefined, fallback: number, name: string): number {
  if (s === undefined) return fallback;
  const n = Number(s);
  if (!Number.isInteger(n) || n < 0)
    throw new UserError('USAGE', `--${name} must be a whole number, not ${s}`);
  return n;
}

function parse(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      input: { type: 'string', multiple: true },
      out: { type: 'string' },
      folds: { type: 'string' },
      repeats: { type: 'string' },
      seed: { type: 'string' },
      holdout: { type: 'string' },
      'report-holdout': { type: 'boolean' },
      errors: { type: 'boolean' },
      l2: { type: 'string' },
      'word-penalty': { type: 'string' },
      'max-near-miss-fpr': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return {
    help: values.help === true,
    inputs: values.input ?? [],
    out: values.out,
    k: Math.max(2, positiveInt(values.folds, 5, 'folds')),
    repeats: Math.max(1, positiveInt(values.repeats, 3, 'repeats')),
    seed: positiveInt(values.seed, 1, 'seed'),
    holdout: positiveInt(values.holdout, 15, 'holdout'),
    reportHoldout: values['report-holdout'] === true,
    errors: values.errors === true,
    l2: numberList(values.l2, [0.0001, 0.0003, 0.001, 0.003]),
    wordPenalty: numberList(values['word-penalty'], [0.5, 1, 2]),
    maxNm: numberList(values['max-near-miss-fpr'], [0.03])[0] ?? 0.03,
  };
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
}

/** `sitrep topics train`. */
export async function train(args: string[], io: CliIo): Promise<number> {
  const opts = parse(args);
  if (opts.help) {
    writeLine(io.stdout, TRAIN_USAGE);
    return 0;
  }
  if (opts.inputs.length === 0)
    throw new UserError('USAGE', `--input FILE is required\n\n${TRAIN_USAGE}`);
  const config = loadConfig();
  const out = opts.out ?? config.match.model;
  const say = (line: string): void => writeLine(io.stdout, line);
  const { data, topicIds } = readData(opts.inputs, config);
  const held = data.groups.map((g) => bucket(g) < opts.holdout);
  const dev = data.items.flatMap((_, i) => (held[i] ? [] : [i]));
  const devItems = subset(data.items, dev);
  say(
    `# sitrep topics train: ${data.items.length} items (${data.items.filter((i) => i.on).length} on) from ${opts.inputs.join(', ')}`,
  );
  say(
    `held out, untouched: ${data.items.length - dev.length} items (${opts.holdout} % of the events)`,
  );
  say(
    `cross-validation: ${opts.k} folds split by event × ${opts.repeats} shuffles over ${dev.length} items\n`,
  );
  say('| L2 | word penalty | recall at near-miss FPR ≤ limit | F1 | threshold |');
  say('|---|---|---|---|---|');
  let best: { run: Run; th: Map<string, number>; recall: number; f1: number } | undefined;
  const grid = opts.l2.flatMap((l2) =>
    opts.wordPenalty.map((wordPenalty) => ({ l2, wordPenalty })),
  );
  for (const { l2, wordPenalty } of grid) {
    const run = crossValidate(
      data,
      dev,
      topicIds,
      { ...DEFAULT_TRAIN, l2, wordPenalty },
      opts.k,
      opts.repeats,
      opts.seed,
    );
    const th = thresholds(run.oof, devItems, topicIds, opts.maxNm);
    const figs = runFigures(run, devItems, th, topicIds);
    const recall = mean(figs.map((f) => f.recall));
    const f1 = mean(figs.map((f) => f.f1));
    say(`| ${l2} | ${wordPenalty} | ${pct(recall)} | ${pct(f1)} | ${th.get(ON_HEAD)} |`);
    if (
      !best ||
      recall > best.recall + 1e-9 ||
      (Math.abs(recall - best.recall) < 1e-9 && f1 > best.f1)
    )
      best = { run, th, recall, f1 };
  }
  if (!best) throw new UserError('USAGE', 'no L2 value to try');
  const { options } = best.run;
  reportCv(say, data, dev, best.run, best.th, topicIds, opts.maxNm);
  if (opts.errors) reportErrors(say, subset(data.items, dev), best.run, best.th, topicIds);
  if (opts.reportHoldout) reportHoldout(say, data, held, options, best.th, topicIds);
  const trained = trainHeads(data.examples, topicIds, options);
  const model = toModelData(trained, best.th, {
    command: `sitrep topics train ${args.join(' ')}`,
    inputs: opts.inputs.map((f) => ({ file: f, sha256: sha256(f) })),
    items: data.items.length,
    on: data.items.filter((i) => i.on).length,
    options,
    folds: opts.k,
    repeats: opts.repeats,
    seed: opts.seed,
    cvRecall: Number(pct(best.recall)),
    cvF1: Number(pct(best.f1)),
  });
  writeFileSync(out, formatTopicModel(model));
  say(
    `\nwrote ${out}: ${trained.features.length} features, heads ${[...trained.heads.keys()].join(', ')}`,
  );
  return 0;
}

function reportCv(
  say: (line: string) => void,
  data: Data,
  dev: readonly number[],
  run: Run,
  th: ReadonlyMap<string, number>,
  topicIds: readonly string[],
  maxNm: number,
): void {
  const items = subset(data.items, dev);
  const rules = subset(data.rules, dev);
  say(
    `\nchosen: L2 ${run.options.l2}, word penalty ×${run.options.wordPenalty}; thresholds ${[...th].map(([h, t]) => `${h} ${t}`).join(', ')}\n`,
  );
  say('| matcher | figure | mean ± sd over folds |');
  say('|---|---|---|');
  for (const line of formatFolds(
    'hand rules (before)',
    run.folds.flatMap((f) => foldFigures(items, rules, f, topicIds)),
    topicIds,
  ))
    say(line);
  for (const line of formatFolds('learned (after)', runFigures(run, items, th, topicIds), topicIds))
    say(line);
  say('\nout-of-fold figures per input file (all shuffles pooled):\n');
  say('| file | matcher | P | R | F1 | near-miss FPR | macro F1 |');
  say('|---|---|---|---|---|---|---|');
  data.files.forEach((file, f) => {
    const idx = dev.flatMap((d, j) => (data.fileOf[d] === f ? [j] : []));
    const fileItems = subset(items, idx);
    const learned = run.oof.flatMap((probs) =>
      subset(verdicts(probs, th, items.length, topicIds), idx),
    );
    const row = (name: string, fig: FoldFigures): void =>
      say(
        `| ${file} | ${name} | ${pct(fig.precision)} | ${pct(fig.recall)} | ${pct(fig.f1)} | ${pct(fig.nearMissFpr)} | ${pct(fig.macroF1)} |`,
      );
    row('hand rules', figures(fileItems, subset(rules, idx), topicIds));
    row(
      'learned',
      figures(
        run.oof.flatMap(() => fileItems),
        learned,
        topicIds,
      ),
    );
  });
  say(
    `\noperating curve of the on/off head (out of fold, pooled; limit near-miss FPR ≤ ${maxNm}):\n`,
  );
  say('| threshold | precision | recall | near-miss FPR |');
  say('|---|---|---|---|');
  const rep = <T>(xs: readonly T[]): T[] => run.oof.flatMap(() => [...xs]);
  const curve = operatingCurve(
    run.oof.flatMap((o) => o.get(ON_HEAD) ?? []),
    rep(items.map((i) => i.on)),
    rep(items.map((i) => i.nearMiss)),
  );
  // every fifth threshold, and the chosen one
  const chosen = th.get(ON_HEAD);
  for (const p of curve.filter((c, i) => i % 5 === 4 || c.threshold === chosen))
    say(
      `| ${p.threshold.toFixed(2)} | ${pct(p.precision)} | ${pct(p.recall)} | ${pct(p.nearMissFpr)} |`,
    );
}

function reportHoldout(
  say: (line: string) => void,
  data: Data,
  held: readonly boolean[],
  options: TrainOptions,
  th: ReadonlyMap<string, number>,
  topicIds: readonly string[],
): void {
  const trainIdx = held.flatMap((h, i) => (h ? [] : [i]));
  const testIdx = held.flatMap((h, i) => (h ? [i] : []));
  const trained = trainHeads(subset(data.examples, trainIdx), topicIds, options);
  const probs = predictHeads(trained, subset(data.examples, testIdx));
  const items = subset(data.items, testIdx);
  const learned = figures(items, verdicts(probs, th, items.length, topicIds), topicIds);
  const rules = figures(items, subset(data.rules, testIdx), topicIds);
  say(
    `\nheld-out slice (${items.length} items, ${items.filter((i) => i.on).length} on), scored once:\n`,
  );
  say('| matcher | P | R | F1 | near-miss FPR | macro F1 |');
  say('|---|---|---|---|---|---|');
  for (const [name, f] of [
    ['hand rules', rules],
    ['learned', learned],
  ] as const)
    say(
      `| ${name} | ${pct(f.precision)} | ${pct(f.recall)} | ${pct(f.f1)} | ${pct(f.nearMissFpr)} | ${pct(f.macroF1)} |`,
    );
}

/** The out-of-fold mistakes of the first shuffle: wrong on/off, or wrong topics. */
function reportErrors(
  say: (line: string) => void,
  items: readonly LabelledItem[],
  run: Run,
  th: ReadonlyMap<string, number>,
  topicIds: readonly string[],
): void {
  const probs = run.oof[0];
  if (!probs) return;
  const v = verdicts(probs, th, items.length, topicIds);
  say('\nout-of-fold mistakes (first shuffle):\n');
  items.forEach((item, i) => {
    const got = v[i];
    if (!got) return;
    const sameTopics = [...got.topics].sort().join() === [...item.topics].sort().join();
    if (got.match === item.on && (!item.on || sameTopics)) return;
    const p = (probs.get(ON_HEAD)?.[i] ?? 0).toFixed(2);
    const kind = got.match === item.on ? 'topics' : item.on ? 'missed' : 'false alarm';
    say(
      `- ${kind} (on ${p}; gold ${item.topics.join('+') || 'off'}, got ${got.topics.join('+') || 'off'}): ${item.title}`,
    );
  });
}
