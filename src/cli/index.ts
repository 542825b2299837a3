#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './main-cli.js';
import { isEpipe, stopHandled } from './stop-signal.js';

// A closed pipe (`sitrep classify … | head`) ends the command quietly, not with a stack trace.
// Long-running commands (start, demo) handle it themselves, to clean up first.
process.stdout.on('error', (err) => {
  if (!isEpipe(err)) throw err;
  if (!stopHandled()) process.exit(process.exitCode ?? 0);
});

const code = await runCli(process.argv.slice(2), processIo);
process.exitCode = code;
