/**
 * `/sitrep feeds add|remove` for real: validation by one fetch, the SSRF guard (after DNS and on
 * every redirect), the runtime feed picked up by the pollers and alerting, removal.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandReply, CommandRequest } from '../../src/command/command-types.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/logger.js';
import { startApp, type App } from '../../src/main.js';
import { consoleCapture, type ConsoleCapture } from '../support/console-capture.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { testRedis, type TestRedis } from '../support/test-redis.js';
import { waitFor } from '../support/wait-for.js';

const log = createLogger({ level: 'silent', pretty: false });
let t: TestRedis;
let server: FeedServer;
let app: App | undefined;
let out: ConsoleCapture;

const drone = (guid: string, hoursAgo: number) => ({
  guid,
  title: 'Drone attack targets base hosting US forces in Erbil',
  summary:
    'A drone struck Erbil air base, which hosts US and coalition troops, on Tuesday; no injuries were reported. An Iran-backed militia claimed the attack.',
  link: `https://two.example.test/${guid}`,
  pubDate: new Date(Date.now() - hoursAgo * 3_600_000),
});

async function start(allowAddresses: string[]): Promise<App> {
  const config = loadConfig({
    env: {},
    overrides: {
      redis: { prefix: t.prefix },
      http: { enabled: false },
      polling: { minInterval: '1s', defaultInterval: '1s', backoffBase: '1s' },
      feedAdmin: { allowAddresses },
      feeds: [{ id: 'configured', url: `${server.base}/configured.xml` }],
    },
  });
  out = consoleCapture();
  app = await startApp(config, log, [out.frontEnd]);
  return app;
}

function run(a: App, text: string, isAdmin = true): Promise<CommandReply> {
  const req: CommandRequest = {
    text,
    platform: 'test',
    user: { id: 'U1', isAdmin },
    channel: { id: 'C1', isDirect: false },
    workspaceId: 'T1',
    now: new Date(),
  };
  return a.commands.run(req);
}

beforeEach(async () => {
  t = testRedis();
  server = await startFeedServer();
  server.rss('/configured.xml', 'Configured', []);
  server.rss('/new.xml', 'Erbil Watch', [drone('old-1', 2)]);
  server.route('/page.html', (res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>hi</body></html>'),
  );
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await server.close();
  await t.cleanup();
});

describe('feeds add / remove', () => {
  it('validates, polls the added feed (first fetch silent, then alerts) and removes it', async () => {
    const a = await start(['127.0.0.0/8']);
    const added = await run(a, `feeds add ${server.base}/new.xml`);
    expect(added.error).toBeUndefined();
    expect(added.title).toMatch(/^Feed added: Erbil Watch \(127-0-0-1-[0-9a-f]{6}\)$/);
    const id = /\((.+)\)$/.exec(added.title ?? '')?.[1] ?? '';
    const schedulers = () => a.pipeline.polling.schedule.feedIds();
    expect(await schedulers()).toContain(id);

    const listed = await run(a, 'feeds');
    expect(listed.items?.map((i) => i.id)).toEqual(expect.arrayContaining(['configured', id]));

    // The first fetch records the existing item silently; a new item then alerts once.
    await waitFor(async () => server.requests.some((r) => r.path === '/new.xml'));
    await waitFor(
      async () =>
        (await run(a, 'feeds')).items?.some((i) => i.id === id && i.text.startsWith('OK')) ?? false,
    );
    server.rss('/new.xml', 'Erbil Watch', [drone('old-1', 2), drone('fresh-1', 0.1)]);
    await waitFor(() => out.alerts().length === 1);
    expect(out.alerts()[0]?.sources[0]?.url).toBe('https://two.example.test/fresh-1');

    const again = await run(a, `feeds add ${server.base}/new.xml`);
    expect(again.error?.code).toBe('feed_invalid');
    expect(again.text).toContain(`already polled as feed ${id}`);

    expect((await run(a, `feeds remove ${id}`)).text).toBe(`Feed ${id} removed.`);
    expect(await schedulers()).not.toContain(id);
    expect((await run(a, 'feeds remove configured')).text).toContain(
      'comes from the configuration file',
    );
    expect((await run(a, 'feeds remove nope')).error?.code).toBe('not_found');
  });

  it('refuses loopback without the allowlist, and a redirect into it with a host-only allowance', async () => {
    const a = await start([]);
    const blocked = await run(a, `feeds add ${server.base}/new.xml`);
    expect(blocked.error?.code).toBe('feed_invalid');
    expect(blocked.text).toBe('Not added: address 127.0.0.1 is not allowed');
    await a.stop();

    // "localhost" is allowed by name; its redirect to 127.0.0.1 is checked again and refused.
    const port = new URL(server.base).port;
    server.route('/hop', (res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${port}/new.xml` }).end(),
    );
    const b = await start(['localhost']);
    const hop = await run(b, `feeds add http://localhost:${port}/hop`);
    expect(hop.text).toMatch(/^Not added: address 127\.0\.0\.1( of 127\.0\.0\.1)? is not allowed$/);
    const direct = await run(b, `feeds add http://localhost:${port}/new.xml`);
    expect(direct.title).toMatch(/^Feed added: Erbil Watch/);
  });

  it('explains a URL that is not a feed and refuses non-admins', async () => {
    const a = await start(['127.0.0.0/8']);
    const html = await run(a, `feeds add ${server.base}/page.html`);
    expect(html.error?.code).toBe('feed_invalid');
    expect(html.text).toMatch(/^Not added: .*HTML/i);
    const missing = await run(a, `feeds add ${server.base}/missing.xml`);
    expect(missing.text).toBe('Not added: HTTP 404 Not Found');
    const denied = await run(a, `feeds add ${server.base}/new.xml`, false);
    expect(denied.error?.code).toBe('admin_only');
    const counted = await a.metrics.registry.getSingleMetricAsString('sitrep_commands_total');
    expect(counted).toContain('{platform="test",subcommand="feeds",outcome="feed_invalid"} 2');
    expect(counted).toContain('{platform="test",subcommand="feeds",outcome="admin_only"} 1');
    expect(await a.pipeline.polling.schedule.feedIds()).toEqual(['configured']);
  });
});
