import { pino, type Logger, type LoggerOptions, type DestinationStream } from 'pino';

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
];

export interface LoggerSetup {
  level: string;
  /** Pretty output; defaults to whether stdout is a TTY. */
  pretty?: boolean;
  /** Write here instead of stdout (tests capture logs this way). */
  destination?: DestinationStream;
}

/** The one root logger. Components take `rootLogger.child({ component })`. */
export function createLogger(setup: LoggerSetup): Logger {
  const options: LoggerOptions = {
    level: setup.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'sitrep' },
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
