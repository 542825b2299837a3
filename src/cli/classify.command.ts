import { parseArgs } from 'node:util';
import { parseItemLine, toMatchInput } from './classify-input.js';
import { buildMatcher } from './build-matcher.js';
import { writeLine, type CliIo } from './io.js';
import { readLines } from './read-lines.js';

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
  const progress = io.stderr.isTTY === true;
  let bad = 0;
  let done = 0;
  for await (const { line, n } of readLines(values.input, io)) {
    if (line.trim() === '') continue;
    const parsed = parseItemLine(line);
    if ('error' in parsed) {
      bad += 1;
      writeLine(io.stderr, `sitrep classify: line ${n}: ${parsed.error}`);
      const why = `invalid input on line ${n}`;
      writeLine(
        io.stdout,
        JSON.stringify({
          id: parsed.id ?? null,
          match: false,
          score: 0,
          topics: [],
          why,
          error: parsed.error,
        }),
      );
      continue;
    }
    const m = matcher.match(toMatchInput(parsed.item));
    const out = {
      id: parsed.item.id ?? null,
      match: m.match,
      score: m.score,
      topics: m.topics.map((t) => t.topic),
      why: m.why,
    };
    writeLine(io.stdout, JSON.stringify(out));
    done += 1;
    if (progress && done % 500 === 0) io.stderr.write(`\rclassified ${done} items`);
  }
  if (progress && done >= 500) io.stderr.write(`\rclassified ${done} items\n`);
  return bad > 0 ? 1 : 0;
}
