import { parseArgs } from 'node:util';
import { writeLine, type CliIo } from './io.js';

/**
 * The options of a command that takes only `--json` and `--help`: prints `help` and returns
 * undefined for --help; an unknown option throws parseArgs' error (one line from runCli).
 */
export function jsonOption(args: string[], io: CliIo, help: string): { json: boolean } | undefined {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    writeLine(io.stdout, help);
    return undefined;
  }
  return { json: values.json === true };
}
