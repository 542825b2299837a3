import { Queue } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { startApp } from '../../src/main.js';
import { captureLog } from '../support/capture-log.js';
import { consoleCapture } from '../support/console-capture.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';

let t: TestRedis;
let server: FeedServer;

beforeEach(async () => {
  t = testRedis();
  server = await startFeedServer();
  server.rss('/one.xml', 'Outlet One', []);
});

afterEach(async () => {
  await server.close();
  await t.cleanup();
});

/** What a Redis that ran the per-feed poll queue holds: a scheduler per feed and their jobs. */
async function oldVersionPollQueue(): Promise<void> {
  const queue = new Queue('poll', { connection: t.redis, prefix: t.prefix });
  for (const feedId of ['one', 'two', 'three'])
    await queue.upsertJobScheduler(feedId, { every: 300_000 }, { name: 'poll', data: { feedId } });
  await queue.add('poll', { feedId: 'one' });
  await queue.close();
}

async function keys(pattern: string): Promise<string[]> {
  return t.redis.keys(`${t.prefix}:${pattern}`);
}

async function startAndStop(log: ReturnType<typeof captureLog>['log']): Promise<void> {
  const config = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      feeds: [{ id: 'one', url: `${server.base}/one.xml` }],
    },
  });
  const app = await startApp(config, log, [consoleCapture().frontEnd]);
  await app.stop();
}

const REMOVED = /removed the per-feed poll queue of an earlier version/;

describe('upgrading from the per-feed poll queue', () => {
  it('removes the old queue, its schedulers and jobs once, with one info line', async () => {
    await oldVersionPollQueue();
    expect((await keys('poll:*')).length).toBeGreaterThan(3);
    const first = captureLog('info');
    await startAndStop(first.log);
    expect(await keys('poll:*')).toEqual([]);
    const removed = first.lines.filter((l) => REMOVED.test(String(l['msg'])));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ schedulers: 3, level: 30 });
    // The new schedule is untouched and carries the configured feed.
    expect(await t.redis.zrange(`${t.prefix}:schedule:due`, 0, -1)).toEqual(['one']);

    const second = captureLog('info');
    await startAndStop(second.log);
    expect(second.lines.filter((l) => REMOVED.test(String(l['msg'])))).toEqual([]);
  });

  it('says nothing on a Redis that never had the old queue', async () => {
    const fresh = captureLog('info');
    await startAndStop(fresh.log);
    expect(fresh.lines.filter((l) => REMOVED.test(String(l['msg'])))).toEqual([]);
  });
});
