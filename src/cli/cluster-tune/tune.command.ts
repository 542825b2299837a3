/**
 * `sitrep cluster tune`: cross-validates the clusterer on labelled reports, split by event, and
 * fits the join model on all of them (docs/INCIDENTS.md, "Clustering: how the weights were set").
 */
import { parseArgs } from 'node:util';
import { UserError } from '../../domain/errors.js';
import type { ClusterConfig } from '../../incident/cluster/cluster-config.js';
import { PAIR_FEATURES } from '../../incident/cluster/pair-feature-names.js';
import type { BCubed } from '../eval/bcubed.js';
import { readLabelledItems } from '../eval/labelled-item.js';
import { buildMatcher } from '../build-matcher.js';
import { writeLine, type CliIo } from '../io.js';
import { crossValidate, fitClusterer, type TuneOptions } from './cross-validate.js';
import type { KeyedItem } from './gold-pairs.js';

export const TUNE_USAGE = `usage: sitrep cluster tune --input FILE [--input FILE ...] [--folds 5] [--repeats 3]
                          [--seed 1] [--l2 1]

Reads labelled JSON lines (the eval set format: label, event_key); clusters the on-topic items in
the given order. k-fold cross-validation split by event (all reports of an event in one fold),
repeated with seeds seed, seed+1, …: on each held-out fold it scores (BCubed P/R/F1) the
configured clusterer and one whose join model was fitted on the other folds; it prints the mean
± standard deviation and the range over all folds. Then it fits the join model on every item and
prints the weights block for config/default.yml (incidents.cluster).`;

const pct = (x: number): string => x.toFixed(3);

function summary(scores: readonly BCubed[], pick: (b: BCubed) => number): string {
  const xs = scores.map(pick);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return `${pct(mean)} ± ${pct(sd)} (${pct(Math.min(...xs))}–${pct(Math.max(...xs))})`;
}

function line(name: string, scores: readonly BCubed[]): string {
  return (
    `${name.padEnd(28)} P ${summary(scores, (b) => b.precision)}  ` +
    `R ${summary(scores, (b) => b.recall)}  F1 ${summary(scores, (b) => b.f1)}`
  );
}

function weightsBlock(cfg: ClusterConfig): string[] {
  const round = (x: number): string => String(Math.round(x * 1000) / 1000);
  return [
    `    joinProbability: ${cfg.joinProbability}`,
    '    weights:',
    ...(['bias', ...PAIR_FEATURES] as const).map((k) => `      ${k}: ${round(cfg.weights[k])}`),
  ];
}

function options(values: Record<string, string | string[] | boolean | undefined>): TuneOptions {
  const int = (v: unknown, d: number): number => (typeof v === 'string' ? Number(v) : d);
  const o = {
    folds: int(values.folds, 5),
    repeats: int(values.repeats, 3),
    seed: int(values.seed, 1),
    l2: int(values.l2, 1),
  };
  if (!(o.folds >= 2 && o.repeats >= 1 && o.l2 >= 0 && Number.isFinite(o.seed)))
    throw new UserError('USAGE', `bad --folds/--repeats/--seed/--l2\n\n${TUNE_USAGE}`);
  return o;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      input: { type: 'string', short: 'i', multiple: true },
      folds: { type: 'string' },
      repeats: { type: 'string' },
      seed: { type: 'string' },
      l2: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    writeLine(io.stdout, TUNE_USAGE);
    return 0;
  }
  const inputs = values.input ?? [];
  if (inputs.length === 0)
    throw new UserError('USAGE', `--input FILE is required\n\n${TUNE_USAGE}`);
  const opts = options(values);
  const items: KeyedItem[] = inputs
    .flatMap((file) => readLabelledItems(file))
    .flatMap((i) => (i.on && i.eventKey ? [{ ...i, key: i.eventKey }] : []));
  const { vocabulary, cluster } = buildMatcher();
  const events = new Set(items.map((i) => i.key)).size;
  const scores = crossValidate(items, vocabulary, cluster, opts);
  const all = fitClusterer(items, vocabulary, cluster, opts.l2);
  const folds = opts.folds * opts.repeats;
  writeLine(io.stdout, `# sitrep cluster tune: ${items.length} on-topic reports, ${events} events`);
  writeLine(
    io.stdout,
    `${opts.folds}-fold cross-validation split by event, ${opts.repeats} repeat(s) from seed ` +
      `${opts.seed}, l2 ${opts.l2}: BCubed on each held-out fold, mean ± sd (min–max) of ${folds}`,
  );
  writeLine(io.stdout, line('configured (config files)', scores.configured));
  writeLine(io.stdout, line('refitted on training folds', scores.fitted));
  writeLine(io.stdout, `fitted on all ${items.length} reports (incidents.cluster):`);
  for (const l of weightsBlock(all)) writeLine(io.stdout, l);
  return 0;
}
