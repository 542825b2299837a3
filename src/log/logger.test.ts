import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, prettyFor } from './logger.js';

function capture(): { out: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes readable lines to a given destination when asked to be pretty', () => {
    const { out, text } = capture();
    const log = createLogger({
      level: 'info',
      pretty: true,
      destination: out,
      secrets: ['s3cr3t'],
    });
    log.child({ component: 'redis' }).warn({ url: 'redis://x:s3cr3t@h' }, 'redis connection lost');
    const line = text();
    expect(line).toMatch(/WARN.*redis: redis connection lost/);
    expect(() => JSON.parse(line.split('\n')[0] ?? '') as unknown).toThrow();
    expect(line).not.toContain('s3cr3t');
  });

  it("names a component's part once in JSON, and as component/part when pretty", () => {
    const json = capture();
    const log = createLogger({ level: 'info', destination: json.out });
    log.child({ component: 'pipeline' }).child({ part: 'poll' }).warn('feed f failed');
    const line = json.text();
    expect(line.match(/"component"/g)).toHaveLength(1);
    expect(JSON.parse(line) as unknown).toMatchObject({ component: 'pipeline', part: 'poll' });
    const pretty = capture();
    createLogger({ level: 'info', pretty: true, destination: pretty.out })
      .child({ component: 'pipeline' })
      .child({ part: 'poll' })
      .warn('feed f failed');
    expect(pretty.text()).toMatch(/WARN.*pipeline\/poll: feed f failed/);
  });

  it("strips a remote server's terminal escapes from pretty lines", () => {
    const { out, text } = capture();
    createLogger({ level: 'info', pretty: true, destination: out })
      .child({ component: 'pipeline' })
      .warn('feed f failed: \u001b]0;owned\u0007\u001b[2Jbad gateway');
    expect(text()).toContain('feed f failed: ]0;owned[2Jbad gateway');
    expect(text()).not.toContain('\u0007');
  });

  it('writes JSON lines to a destination that is not a terminal, unless told otherwise', () => {
    const { out, text } = capture();
    createLogger({ level: 'info', destination: out }).info('hello');
    expect(JSON.parse(text()) as unknown).toMatchObject({ msg: 'hello', level: 30 });
  });

  it('follows the TTY for format auto, and forces json or pretty', () => {
    expect(prettyFor('auto')).toBeUndefined();
    expect(prettyFor('json')).toBe(false);
    expect(prettyFor('pretty')).toBe(true);
  });
});
