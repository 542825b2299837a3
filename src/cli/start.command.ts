import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../log/logger.js';
import { secretsOf } from '../log/scrub.js';
import { createConsoleFrontEnd } from '../chat/console/console-front-end.js';
import { startApp } from '../main.js';
import { frontEndsFor } from './front-ends.js';
import { writeLine, type CliIo } from './io.js';

const HELP = `usage: sitrep start [--json]

Runs the worker on config/default.yml (plus SITREP_CONFIG and the environment): polls every
configured feed on its schedule and delivers alerts. Without chat tokens, alerts are printed
to stdout (--json: one JSON object per line). Stops cleanly on SIGINT/SIGTERM.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const config = loadConfig();
  const log = createLogger({
    level: config.logLevel,
    pretty: io.stderr.isTTY === true,
    destination: process.stderr,
    secrets: secretsOf(config),
  });
  const chosen = frontEndsFor(config);
  const app = await startApp(
    config,
    log,
    chosen.length > 0
      ? chosen.map((c) => c.factory)
      : [createConsoleFrontEnd(io.stdout, { json: values.json === true })],
  );
  log.info(
    { feeds: config.feeds.length, chat: chosen.map((c) => c.name) },
    chosen.length > 0
      ? `sitrep worker started; chat: ${chosen.map((c) => c.name).join(', ')}`
      : 'sitrep worker started; no chat tokens set: alerts are printed to stdout',
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'shutting down: finishing active jobs');
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  await app.stop();
  log.info('stopped');
  return 0;
}
