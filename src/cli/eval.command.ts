import { parseArgs } from 'node:util';
import { UserError } from '../domain/errors.js';
import { buildMatcher } from './build-matcher.js';
import { evaluateClassification, formatClassification } from './eval/classification-section.js';
import { incidentSection } from './eval/incidents.js';
import { keywordBaseline } from './eval/keyword-baseline.js';
import { readLabelledItems } from './eval/labelled-item.js';
import { writeLine, type CliIo } from './io.js';

const USAGE = `usage: sitrep eval --input FILE [--quiet] [--seeds DIR]

Scores the topic matcher on a labelled JSON-lines set (format: ../shared/eval/README.md):
on/off precision/recall/F1, per-topic P/R/F1 and macro F1, the near-miss false-positive rate,
the same for the naive keyword baseline, and each misclassified item with its "why"
(--quiet leaves the list out); then incident clustering BCubed P/R/F1 against event_key and the
seed extraction checks (seed articles from --seeds DIR, default ../shared/seeds).`;

/** `sitrep eval`: one section per stage; later stages (clustering, extraction) add theirs here. */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      input: { type: 'string', short: 'i' },
      quiet: { type: 'boolean', short: 'q' },
      seeds: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  if (!values.input) throw new UserError('USAGE', `--input FILE is required\n\n${USAGE}`);
  const items = readLabelledItems(values.input);
  const { matcher, topics, vocabulary, cluster } = buildMatcher();
  const ids = topics.map((t) => t.id);
  const ours = evaluateClassification(
    items,
    (item) => {
      const m = matcher.match(item);
      return { match: m.match, why: m.why, topics: m.topics.map((t) => t.topic) };
    },
    ids,
  );
  const base = evaluateClassification(items, keywordBaseline, ids);
  writeLine(
    io.stdout,
    `# sitrep eval: ${values.input} (${items.length} items, ${items.filter((i) => i.on).length} on)\n`,
  );
  writeLine(io.stdout, formatClassification('topic matcher', ours, values.quiet !== true));
  writeLine(io.stdout, '');
  writeLine(
    io.stdout,
    formatClassification(
      'baseline: (Iraq|Iraqi|Syria|Syrian) AND (US|U.S.|American|coalition)',
      base,
      false,
    ),
  );
  writeLine(io.stdout, '');
  writeLine(
    io.stdout,
    incidentSection(items, {
      vocabulary,
      cluster,
      match: (item) => matcher.match(item),
      ...(values.seeds ? { seedsDir: values.seeds } : {}),
    }),
  );
  return 0;
}
