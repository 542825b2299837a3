import { LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { captureLog as capture } from '../../../test/support/capture-log.js';
import { boltLogger } from './bolt-logger.js';

describe('boltLogger', () => {
  it("writes Bolt's variadic messages to pino, errors under err", () => {
    const { lines, log } = capture('debug');
    const bolt = boltLogger(log);
    bolt.info('Now connected to', 'Slack', { n: 1 });
    bolt.error('handler failed', new Error('boom'));
    expect(lines[0]).toMatchObject({ level: 30, msg: 'Now connected to Slack {"n":1}' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'handler failed', err: { message: 'boom' } });
  });

  it("keeps pino's level: Bolt's setLevel does not turn on debug output", () => {
    const { lines, log } = capture('warn');
    const bolt = boltLogger(log);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.debug('noise');
    bolt.info('noise');
    expect(lines).toEqual([]);
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
  });
});
