/**
 * Bolt's (and the Socket Mode and Web API clients') logger interface over our pino logger.
 * The level is pino's: `setLevel` from Bolt is ignored so LOG_LEVEL stays the one switch.
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../log/logger.js';

type Method = 'debug' | 'info' | 'warn' | 'error';

function write(log: Logger, method: Method, args: unknown[]): void {
  const err = args.find((a): a is Error => a instanceof Error);
  const text = args
    .filter((a) => a !== err)
    .map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))
    .join(' ');
  if (err) log[method]({ err }, text || err.message);
  else log[method](text);
}

function levelOf(log: Logger): LogLevel {
  switch (log.level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

export function boltLogger(log: Logger): BoltLogger {
  return {
    debug: (...args: unknown[]) => write(log, 'debug', args),
    info: (...args: unknown[]) => write(log, 'info', args),
    warn: (...args: unknown[]) => write(log, 'warn', args),
    error: (...args: unknown[]) => write(log, 'error', args),
    setLevel: () => undefined,
    getLevel: () => levelOf(log),
    setName: () => undefined,
  };
}
