import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';
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

export interface LoggerSetup {
  level: string;
  /** Pretty output; defaults to whether stdout is a TTY. */
  pretty?: boolean;
  /** Write here instead of stdout (tests capture logs this way). */
  destination?: DestinationStream;
  /** Values scrubbed from every line wherever they appear (see scrub.ts: `secretsOf(config)`). */
  secrets?: readonly string[];
}

/** The one root logger. Components take `rootLogger.child({ component })`. */
export function createLogger(setup: LoggerSetup): Logger {
  const options: LoggerOptions = {
    level: setup.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'sitrep' },
    hooks: { streamWrite: (line) => scrubSecrets(line, setup.secrets) },
  };
  if (setup.destination) return pino(options, setup.destination);
  const pretty = setup.pretty ?? process.stdout.isTTY === true;
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss' },
      },
    });
  }
  return pino(options);
}

export function componentLogger(
  root: Logger,
  component: string,
  bindings: Record<string, unknown> = {},
): Logger {
  return root.child({ component, ...bindings });
}
