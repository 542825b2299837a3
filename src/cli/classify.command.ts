import { parseArgs } from 'node:util';
import { toMatchInput } from './classify-input.js';
import { buildMatcher } from './build-matcher.js';
import { writeLine, type CliIo } from './io.js';
import { processItemLines } from './item-lines.js';

const USAGE = `usage: sitrep classify [--input FILE]

Reads JSON lines {id, title, summary, content?, published?, source?, url?} from FILE or stdin and
writes one JSON line per input line, in order:
  {"id", "match": true|false, "score": 0..1, "topics": ["militia-attacks", ...], "why": "..."}
Blank lines are skipped. A bad line is reported on stderr with its line number and gets an output
line {"id", "match": false, "score": 0, "topics": [], "why": "invalid input ...", "error": "..."}
so output lines stay aligned with input items; the exit code is then 1.`;

/** `sitrep classify`: the topic matcher over JSON lines (the held-out evaluation's contract). */
export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { input: { type: 'string', short: 'i' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    writeLine(io.stdout, USAGE);
    return 0;
  }
  const { matcher } = buildMatcher();
  return processItemLines('classify', values.input, io, {
    done: 'classified',
    invalid: (id, error, n) => ({
      id,
      match: false,
      score: 0,
      topics: [],
      why: `invalid input on line ${n}`,
      error,
    }),
    item: (item) => {
      const m = matcher.match(toMatchInput(item));
      return {
        id: item.id ?? null,
        match: m.match,
        score: m.score,
        topics: m.topics.map((t) => t.topic),
        why: m.why,
      };
    },
  });
}
