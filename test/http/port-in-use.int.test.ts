import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { AppError } from '../../src/domain/errors.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp } from '../../src/main.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

const log = createLogger({ level: 'silent', pretty: false });

describe('a port already in use', () => {
  let t: TestRedis;
  let taken: Server;
  afterEach(async () => {
    await new Promise((r) => taken.close(r));
    await t.cleanup();
  });

  it('stops the start with one clear error and leaves no worker running', async () => {
    t = testRedis();
    taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as AddressInfo).port;
    const config = loadConfig({
      env: { REDIS_URL: process.env['REDIS_URL'] },
      overrides: {
        redis: { prefix: t.prefix },
        http: { enabled: true, host: '127.0.0.1', port },
        feeds: [{ id: 'one', url: 'http://127.0.0.1:9/feed.xml' }],
      },
    });
    const err: unknown = await startApp(config, log, []).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('PORT_IN_USE');
    expect((err as AppError).message).toBe(
      `127.0.0.1:${port} is already in use (is another sitrep running?): stop it, or choose ` +
        'another port (http.port / SITREP_HTTP_PORT, slack.port, discord.interactionsPort)',
    );
    // No worker registered on any queue, no job scheduler for the feed.
    const clients = (await t.redis.client('LIST')) as string;
    expect(clients).not.toContain(t.prefix);
    expect(await t.redis.keys(`${t.prefix}:*`)).toEqual([]);
  });
});
