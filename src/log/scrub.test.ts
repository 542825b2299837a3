import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from './logger.js';
import { scrubSecrets, secretsOf } from './scrub.js';

const BOT = 'xoxb-1111-2222-abcdefABCDEF';
const DISCORD = 'MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123';

describe('scrubSecrets', () => {
  it('removes token-shaped strings, Authorization values and URL passwords', () => {
    const line = JSON.stringify({
      msg: `call failed with ${BOT}`,
      header: `Authorization: Bot ${DISCORD}`,
      raw: 'POST /api HTTP/1.1\r\nAuthorization: Bearer abc.def.ghi-123456\r\n',
      url: 'redis://:hunter2hunter2@redis.internal:6379',
      sig: { 'x-slack-signature': 'v0=abcdef0123456789' },
    });
    const out = scrubSecrets(line);
    for (const s of [BOT, DISCORD, 'abc.def.ghi-123456', 'hunter2hunter2', 'abcdef0123456789'])
      expect(out).not.toContain(s);
    expect(out).toContain('[redacted]');
    expect(() => JSON.parse(out) as unknown).not.toThrow();
  });

  it('removes listed secret values wherever they are, and leaves ordinary text alone', () => {
    expect(scrubSecrets('path /hooks/opaque-value-9 ok', ['opaque-value-9'])).toBe(
      'path /hooks/[redacted] ok',
    );
    const plain = '{"msg":"feed a failed (2×): HTTP 503 Service Unavailable"}';
    expect(scrubSecrets(plain, ['opaque-value-9'])).toBe(plain);
  });

  it('lists the config secrets: chat tokens, signing secret, Redis password', () => {
    const config = loadConfig({
      env: {
        SLACK_BOT_TOKEN: BOT,
        SLACK_MODE: 'http',
        SLACK_SIGNING_SECRET: 'signing-secret-77',
        DISCORD_TOKEN: DISCORD,
        DISCORD_APP_ID: '42',
        REDIS_URL: 'redis://:p%40ss-word@127.0.0.1:6379',
      },
    });
    expect(secretsOf(config).sort()).toEqual(
      [BOT, DISCORD, 'p@ss-word', 'signing-secret-77'].sort(),
    );
  });
});

describe('createLogger', () => {
  it('censors secrets in nested error causes and HTTP client error dumps', () => {
    let out = '';
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const log = createLogger({ level: 'info', destination, secrets: ['opaque-value-9'] });
    const cause = Object.assign(new Error('An API error occurred: invalid_auth'), {
      config: { headers: { Authorization: `Bearer ${BOT}` }, data: `token=${BOT}` },
      request: { _header: `POST / HTTP/1.1\r\nAuthorization: Bearer ${BOT}\r\n` },
    });
    log.error({ err: new Error('post failed', { cause }) }, 'chat call failed');
    log.info({ url: 'https://example.test/hook/opaque-value-9' }, 'webhook');
    expect(out).toContain('chat call failed');
    expect(out).toContain('webhook');
    expect(out).not.toContain(BOT);
    expect(out).not.toContain('opaque-value-9');
  });
});
