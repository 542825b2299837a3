import type { ClassifyItem } from './classify-input.js';
import { parseItemLine } from './classify-input.js';
import { writeLine, type CliIo } from './io.js';
import { readLines } from './read-lines.js';

export interface ItemLineHandlers {
  /** The output record for a good item (line number `n`). */
  item(item: ClassifyItem, n: number): unknown;
  /** The output record that keeps output aligned when line `n` is bad. */
  invalid(id: unknown, error: string, n: number): unknown;
  /** Progress wording: "classified" gives "classified 500 items". */
  readonly done: string;
}

/**
 * The JSON-lines loop shared by classify, extract and cluster: one output line per input item,
 * in order; blank lines skipped; a bad line reported on stderr with its number (exit code 1)
 * while the others are still processed; progress on stderr only when it is a terminal.
 */
export async function processItemLines(
  command: string,
  input: string | undefined,
  io: CliIo,
  handlers: ItemLineHandlers,
): Promise<number> {
  const progress = io.stderr.isTTY === true;
  let bad = 0;
  let done = 0;
  for await (const { line, n } of readLines(input, io)) {
    if (line.trim() === '') continue;
    const parsed = parseItemLine(line);
    if ('error' in parsed) {
      bad += 1;
      writeLine(io.stderr, `sitrep ${command}: line ${n}: ${parsed.error}`);
      writeLine(io.stdout, JSON.stringify(handlers.invalid(parsed.id ?? null, parsed.error, n)));
      continue;
    }
    writeLine(io.stdout, JSON.stringify(handlers.item(parsed.item, n)));
    done += 1;
    if (progress && done % 500 === 0) io.stderr.write(`\r${handlers.done} ${done} items`);
  }
  if (progress && done >= 500) io.stderr.write(`\r${handlers.done} ${done} items\n`);
  return bad > 0 ? 1 : 0;
}
