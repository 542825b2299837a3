import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';
import { PinoPretty } from 'pino-pretty';
import { scrubSecrets } from './scrub.js';

export type { Logger } from 'pino';

/** Secrets never reach the logs: these paths are censored wherever they appear. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'publicKey',
  'headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  '*.headers.authorization',
  'req.headers.authorization',
  'config.slack',
  'config.discord',
  // HTTP client errors (axios in @slack/web-api, undici) carry the request that failed.
  '*.config.headers',
  '*.response.config.headers',
  '*.request.headers',
  '*.request._header',
  'err.cause.config.headers',
  'err.cause.request',
  'err.config.data',
];

/** `log.format` / LOG_FORMAT: readable lines on a terminal and JSON otherwise, or forced. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** The `pretty` setting for a format: undefined (auto) follows whether the output is a TTY. */
export function prettyFor(format: LogFormat): boolean | undefined {
  return format === 'auto' ? undefined : format === 'pretty';
}

type Output = DestinationStream | (NodeJS.WritableStream & { isTTY?: boolean });

export interface LoggerSetup {
  level: string;
  /** Readable lines instead of JSON; defaults to whether the destination is a TTY. */
  pretty?: boolean;
  /** Write here instead of stdout (the CLI writes logs to stderr; tests capture them). */
  destination?: Output;
  /** Values scrubbed from every line wherever they appear (see scrub.ts: `secretsOf(config)`). */
  secrets?: readonly string[];
}

/** Control characters (C0 but tab and newline, DEL, C1): terminal escapes in logged text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * The one root logger. Components take `rootLogger.child({ component })`; a component's own
 * parts take `log.child({ part })` (a second `component` would repeat the key in the JSON line,
 * which log stores such as Elasticsearch refuse).
 */
export function createLogger(setup: LoggerSetup): Logger {
  const options: LoggerOptions = {
    level: setup.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'sitrep' },
    hooks: { streamWrite: (line) => scrubSecrets(line, setup.secrets) },
  };
  const out: Output = setup.destination ?? process.stdout;
  const tty = (out as { isTTY?: boolean }).isTTY === true;
  if (!(setup.pretty ?? tty)) return pino(options, out as DestinationStream);
  // In-process and synchronous: lines keep their order and none is lost on exit. The secret
  // scrubber (streamWrite) runs on the JSON line before pino-pretty reads it.
  const pretty = PinoPretty({
    destination: out,
    sync: true,
    colorize: tty,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,app,component,part,queue,jobId,feedId',
    singleLine: true,
    // A function, so that component and part read "pipeline/poll"; it strips control characters
    // itself (pino-pretty does for its templates only): a feed's error text comes from its server.
    messageFormat: (line, messageKey) => {
      const where = [line['component'], line['part']].filter((v) => typeof v === 'string');
      const text = `${where.length > 0 ? `${where.join('/')}: ` : ''}${String(line[messageKey] ?? '')}`;
      return text.replace(CONTROL, '');
    },
  });
  return pino(options, pretty);
}

export function componentLogger(
  root: Logger,
  component: string,
  bindings: Record<string, unknown> = {},
): Logger {
  return root.child({ component, ...bindings });
}
