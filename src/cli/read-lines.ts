import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CliIo } from './io.js';

/** Lines of `file`, or of stdin when no file is given, with 1-based line numbers. */
export async function* readLines(
  file: string | undefined,
  io: CliIo,
): AsyncGenerator<{ line: string; n: number }> {
  const input = file === undefined ? io.stdin : createReadStream(file, 'utf8');
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n += 1;
    yield { line, n };
  }
}
