import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { loadVocabulary } from '../config/load-vocabulary.js';
import { extractReport } from '../incident/extract/extract-facts.js';
import { summarise } from '../summary/summarise.js';

import { extractRecord } from './incident-output.js';
import { writeLine, type CliIo } from './io.js';
import { processItemLines } from './item-lines.js';

const USAGE = `usage: sitrep extract [--input FILE]

Reads JSON lines {id, title, summary, content?, published?, source?, url?} from FILE or stdin and
writes one JSON line per item, in order:
  {"id", "type", "sub_type", "actors": [{"name", "side"}], "location": {"place", "admin1",
   "country"}, "casualties": [{"side", "killed": {"min", "max"}, "injured": {"min", "max"}}],
   "troops": number|null, "event_date": "YYYY-MM-DD"|null, "summary"}
Blank lines are skipped. A bad line is reported on stderr with its line number and gets an output
line {"id", "error"} so output stays aligned with input; the exit code is then 1.`;

/** `sitrep extract`: incident facts per item (the held-out evaluation's contract). */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { input: { type: 'string', short: 'i' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  const vocabulary = loadVocabulary(loadConfig());
  return processItemLines('extract', values.input, io, {
    done: 'extracted',
    invalid: (id, error) => ({ id, error }),
    item: (item) => {
      const report = extractReport(
        {
          title: item.title,
          summary: item.summary ?? '',
          ...(item.content ? { content: item.content } : {}),
          published: item.published ?? null,
        },
        vocabulary,
      );
      const summary = summarise({ facts: report.facts, sentences: report.sentences, outlets: 1 });
      return extractRecord(item.id ?? null, report.facts, summary);
    },
  });
}
