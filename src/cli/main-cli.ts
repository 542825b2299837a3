import { AppError, errorMessage } from '../domain/errors.js';
import { COMMANDS } from './commands.js';
import { writeLine, type CliIo } from './io.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`,
  );
  return [
    'usage: sitrep <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'sitrep <command> --help for more.',
  ].join('\n');
}

/** Runs one CLI invocation; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    writeLine(io.stderr, `sitrep: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest, io);
  } catch (err) {
    const code = err instanceof AppError ? ` [${err.code}]` : '';
    writeLine(io.stderr, `sitrep ${name}: ${errorMessage(err)}${code}`);
    return 1;
  }
}
