import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands.js';
import type { CliIo } from './io.js';
import { runCli } from './main-cli.js';

function memoryIo(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr }, out: () => out, err: () => err };
}

const SUBCOMMANDS = [
  'feed parse',
  'feed corpus',
  'topics list',
  'topics train',
  'cluster tune',
  'discord register',
];

describe('--help', () => {
  it.each([...Object.keys(COMMANDS), ...SUBCOMMANDS])(
    '`sitrep %s --help` prints its usage and exits 0',
    async (command) => {
      const { io, out, err } = memoryIo();
      const code = await runCli([...command.split(' '), '--help'], io);
      expect({ code, err: err() }).toEqual({ code: 0, err: '' });
      expect(out()).toMatch(/^usage: sitrep /);
    },
    30_000, // `start` loads the whole worker before it reads its options
  );
});
