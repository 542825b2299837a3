import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.js';
import { createLogger, prettyFor } from '../log/logger.js';
import { secretsOf } from '../log/scrub.js';
import { createConsoleFrontEnd } from '../chat/console/console-front-end.js';
import { startApp } from '../main.js';
import { frontEndsFor } from './front-ends.js';
import { writeLine, type CliIo } from './io.js';
import { ensureRedis, LOCAL_REDIS_DIR } from './local-redis.js';
import { startSummary } from './run-summary.js';
import { stopSignal } from './stop-signal.js';

const HELP = `usage: sitrep start [--json] [--json-logs]

Runs the worker on config/default.yml (plus SITREP_CONFIG and the environment): polls every
configured feed on its schedule and delivers alerts. Without chat tokens, alerts are printed
to stdout (--json: one JSON object per line, nothing else on stdout). Logs go to stderr:
readable lines on a terminal, JSON lines otherwise (--json-logs or LOG_FORMAT=json|pretty to
choose), with a summary line every log.summaryInterval (default 5m).

With nothing listening at a local REDIS_URL (the default redis://127.0.0.1:6379), it starts
redis-server when it is installed (data in ${LOCAL_REDIS_DIR}/, append-only file on) and stops
it on exit; otherwise it says how to install Redis and retries every few seconds.
Stops cleanly on Ctrl-C / SIGTERM (a second Ctrl-C exits at once).`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      json: { type: 'boolean' },
      'json-logs': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    writeLine(io.stdout, HELP);
    return 0;
  }
  const config = loadConfig();
  const pretty = values['json-logs'] ? false : prettyFor(config.log.format);
  const log = createLogger({
    level: config.logLevel,
    ...(pretty === undefined ? {} : { pretty }),
    destination: io.stderr,
    secrets: secretsOf(config),
  });
  const stop = stopSignal(io);
  try {
    const terminal = io.stderr.isTTY === true && pretty !== false;
    const local = await ensureRedis(config.redis.url, {
      log,
      stopped: stop.stopped,
      ...(terminal ? { tty: io.stderr } : {}),
    });
    if (local === 'stopped') return 130;
    try {
      return await runWorker(config, log, io, values.json === true, stop.stopped);
    } finally {
      if (local) {
        await local.stop();
        log.info('local redis-server stopped');
      }
    }
  } finally {
    stop.dispose();
  }
}

async function runWorker(
  config: ReturnType<typeof loadConfig>,
  log: ReturnType<typeof createLogger>,
  io: CliIo,
  json: boolean,
  stopped: Promise<string>,
): Promise<number> {
  const chosen = frontEndsFor(config);
  const app = await startApp(
    config,
    log,
    chosen.length > 0
      ? chosen.map((c) => c.factory)
      : [createConsoleFrontEnd(io.stdout, { json: json })],
  );
  log.info(
    { feeds: config.feeds.length, chat: chosen.map((c) => c.name) },
    chosen.length > 0
      ? `sitrep worker started: ${config.feeds.length} feeds; chat: ${chosen.map((c) => c.name).join(', ')}`
      : `sitrep worker started: ${config.feeds.length} feeds; no chat tokens set: alerts are printed to stdout`,
  );
  const stopSummary = startSummary(
    app.metrics,
    app.commands.deps.feedHealth,
    config.log.summaryInterval,
    log.child({ component: 'summary' }),
  );
  const signal = await stopped;
  log.info({ signal }, 'shutting down: finishing active jobs');
  stopSummary();
  await app.stop();
  log.info('stopped');
  return 0;
}
