/**
 * Secrets never reach the logs: a real startApp run whose config carries fake Slack and Discord
 * tokens and a signing secret, with a chat platform whose failures carry the HTTP client's
 * request (Authorization header and all) as their cause, logs everything at trace level into a
 * captured stream; none of the secret values may appear in it.
 */
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import type { Destination } from '../../src/domain/subscription.js';
import { createLogger } from '../../src/log/logger.js';
import { secretsOf } from '../../src/log/scrub.js';
import { startApp, type App } from '../../src/main.js';
import { jobIds } from '../../src/queue/jobs.js';
import { ChatError } from '../../src/chat/chat-error.js';
import { createRedisIncidentStore } from '../../src/store/redis/redis-incident-store.js';
import { RedisSubscriptionStore } from '../../src/store/redis/redis-subscription-store.js';
import { makeIncident } from '../support/make-incident.js';
import { frontEndOf, RecordingPlatform } from '../support/recording-platform.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-4242424242-fake-bot-token-do-not-log',
  SLACK_APP_TOKEN: 'xapp-1-A0FAKE-fake-app-token-do-not-log',
  SLACK_SIGNING_SECRET: 'fake-signing-secret-8c1e9f',
  DISCORD_TOKEN: 'MTAxMjM0NTY3ODkwMTIzNDU2Nw.GfAkEd.fake_discord_token_do_not_log_00',
};
const channel: Destination = { platform: 'test', workspaceId: 'W1', kind: 'channel', id: 'C1' };

let t: TestRedis;
let app: App | null = null;

beforeEach(() => {
  t = testRedis();
});

afterEach(async () => {
  await app?.stop();
  await t.cleanup();
});

/** A platform whose first post fails the way a Slack Web API client error looks. */
class LeakyPlatform extends RecordingPlatform {
  private failed = false;
  override async post(...args: Parameters<RecordingPlatform['post']>) {
    if (!this.failed) {
      this.failed = true;
      const cause = Object.assign(new Error('An API error occurred: ratelimited'), {
        config: {
          url: 'https://slack.com/api/chat.postMessage',
          headers: { Authorization: `Bearer ${SECRETS.SLACK_BOT_TOKEN}` },
          data: `token=${SECRETS.SLACK_BOT_TOKEN}&channel=C1`,
        },
        request: {
          _header: `POST /api HTTP/1.1\r\nAuthorization: Bot ${SECRETS.DISCORD_TOKEN}\r\n`,
        },
      });
      throw new ChatError('transient', 'ratelimited', { retryAfterMs: 50, cause });
    }
    return super.post(...args);
  }
}

describe('secrets in logs', () => {
  it('appear nowhere in a trace-level log of a run with failing chat calls', async () => {
    const config = loadConfig({
      env: { ...SECRETS, SLACK_MODE: 'socket', DISCORD_APP_ID: '1012345678901234567' },
      overrides: {
        logLevel: 'trace',
        redis: { prefix: t.prefix },
        http: { enabled: false },
        delivery: { perDestinationInterval: '10ms', retryBackoff: '50ms' },
      },
    });
    let captured = '';
    const destination = new Writable({
      write(chunk: Buffer, _enc, cb) {
        captured += chunk.toString();
        cb();
      },
    });
    const log = createLogger({ level: 'trace', destination, secrets: secretsOf(config) });
    const platform = new LeakyPlatform();
    await new RedisSubscriptionStore(t.redis, t.prefix).create(
      {
        kind: 'route',
        ownerId: 'admin',
        destination: channel,
        query: 'topic:militia-attacks',
        mode: 'live',
      },
      new Date(),
    );
    app = await startApp(config, log, [frontEndOf(platform)]);
    const incident = makeIncident({
      id: 'inc-s',
      topics: ['militia-attacks'],
      headline: 'Drone hits Erbil air base',
    });
    await createRedisIncidentStore(t.redis, { prefix: t.prefix, retentionMs: 86_400_000 }).save(
      incident,
      null,
    );
    await app.pipeline.queues.alerts.add(
      'alert',
      { incidentId: 'inc-s', version: 1, kind: 'new', changes: [] },
      { jobId: jobIds.alert('inc-s', 1) },
    );
    await waitFor(() => platform.to('C1').length === 1);
    // What a careless adapter might log: the whole config, a client error, request options.
    log.info({ config }, 'config loaded');
    log.debug({ slack: config.slack, discord: config.discord }, 'chat settings');
    log.warn({ options: { headers: { authorization: `Bot ${SECRETS.DISCORD_TOKEN}` } } }, 'rest');
    log.error(`could not reach https://x:${SECRETS.SLACK_SIGNING_SECRET}@hooks.example.test/`);
    await app.stop();
    app = null;
    expect(captured).toContain('deliveries job failed'); // the failing chat call was logged
    expect(captured).toContain('config loaded');
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(captured.includes(value), `${name} leaked`).toBe(false);
      expect(captured.includes(value.slice(-16)), `${name} (tail) leaked`).toBe(false);
    }
  });
});
