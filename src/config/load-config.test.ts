import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { loadConfig } from './load-config.js';
import { DEFAULT_CLUSTER_CONFIG } from '../incident/cluster/cluster-config.js';

function yamlFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sitrep-config-')), 'extra.yml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('reads config/default.yml with durations in milliseconds and a frozen result', () => {
    const config = loadConfig({ env: {} });
    expect(config.polling.maxItemAge).toBe(24 * 3_600_000);
    expect(config.fetch.maxBytes).toBe(5 * 1024 * 1024);
    expect(config.feeds.length).toBeGreaterThan(5);
    expect(Object.isFrozen(config.polling)).toBe(true);
  });

  it('layers SITREP_CONFIG and then the environment on top', () => {
    const extra = yamlFile(
      'logLevel: debug\nfeeds:\n  - id: one\n    url: https://example.org/feed\n',
    );
    const config = loadConfig({
      env: { SITREP_CONFIG: extra, LOG_LEVEL: 'warn', REDIS_URL: 'redis://db:6379' },
    });
    expect(config.logLevel).toBe('warn');
    expect(config.redis.url).toBe('redis://db:6379');
    expect(config.feeds.map((f) => f.id)).toEqual(['one']);
  });

  it('lists every problem with its path in one message', () => {
    const extra = yamlFile(
      'logLevel: loud\npolling:\n  maxItemAge: soon\nfeeds:\n  - id: "bad id"\n    url: ftp://x\n  - id: ok\n    url: https://a.b/\n  - id: ok\n    url: https://a.b/c\n',
    );
    let err: unknown;
    try {
      loadConfig({ env: { SITREP_CONFIG: extra } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const message = (err as AppError).message;
    expect(message).toContain('logLevel');
    expect(message).toContain('polling.maxItemAge: not a duration');
    expect(message).toContain('feeds.0.id');
    expect(message).toContain('feeds.0.url');
  });

  it('reports unknown keys with a "did you mean" hint, beside the other problems', () => {
    const extra = yamlFile(
      'pollling:\n  defaultInterval: 5m\nredis:\n  prefx: x\nhtttp:\n  port: 1\nhttp:\n  port: nope\nfeeds:\n  - id: a\n    url: https://a.b/\n    intreval: 5m\n',
    );
    expect(() => loadConfig({ env: { SITREP_CONFIG: extra } })).toThrow(AppError);
    let message = '';
    try {
      loadConfig({ env: { SITREP_CONFIG: extra } });
    } catch (e) {
      message = (e as AppError).message;
    }
    const lines = message.split('\n').slice(1);
    expect(lines).toHaveLength(5);
    expect(lines).toEqual(
      expect.arrayContaining([
        '  - feeds.0.intreval: unknown key: did you mean "interval"?',
        '  - htttp: unknown key: did you mean "http"?',
        '  - http.port: Invalid input: expected number, received string',
        '  - pollling: unknown key: did you mean "polling"?',
        '  - redis.prefx: unknown key: did you mean "prefix"?',
      ]),
    );
  });

  it('reads the Slack and Discord settings from the environment', () => {
    const config = loadConfig({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_MODE: 'http',
        SLACK_SIGNING_SECRET: 'shh',
        SLACK_PORT: '3100',
        SLACK_API_URL: 'http://127.0.0.1:9000/api/',
        SLACK_ADMINS: 'U1, U2,',
        DISCORD_TOKEN: 'tok',
        DISCORD_APP_ID: '42',
        DISCORD_ADMINS: '7',
      },
    });
    expect(config.slack).toMatchObject({
      botToken: 'xoxb-1',
      mode: 'http',
      signingSecret: 'shh',
      port: 3100,
      apiUrl: 'http://127.0.0.1:9000/api/',
      admins: ['U1', 'U2'],
    });
    expect(config.discord).toMatchObject({ token: 'tok', appId: '42', admins: ['7'] });
    expect(loadConfig({ env: {} }).slack.botToken).toBeUndefined();
  });

  it('says which chat setting is missing for the chosen mode', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ env });
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toContain(
      'slack.appToken: Socket Mode needs SLACK_APP_TOKEN',
    );
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_MODE: 'http' })).toContain(
      'slack.signingSecret: HTTP mode needs SLACK_SIGNING_SECRET',
    );
    expect(problems({ SLACK_BOT_TOKEN: 'x', SLACK_MODE: 'carrier-pigeon' })).toContain(
      'slack.mode',
    );
    expect(problems({ DISCORD_TOKEN: 'tok' })).toContain(
      'discord.appId: DISCORD_TOKEN needs DISCORD_APP_ID',
    );
    expect(
      problems({ DISCORD_TOKEN: 't', DISCORD_APP_ID: '1', DISCORD_INTERACTIONS_PORT: '8080' }),
    ).toContain('discord.publicKey');
  });

  it('names a missing SITREP_CONFIG file', () => {
    expect(() => loadConfig({ env: { SITREP_CONFIG: '/nonexistent/sitrep.yml' } })).toThrow(
      /cannot read config file/,
    );
  });
});

describe('incidents.cluster', () => {
  it('ships the clusterer defaults in config/default.yml, one block', () => {
    expect(loadConfig({ env: {} }).incidents.cluster).toEqual(DEFAULT_CLUSTER_CONFIG);
  });

  it('reads windows as durations and names a bad weight by its path', () => {
    const ok = yamlFile(
      'incidents:\n  cluster:\n    window: 48h\n    openIncidents: { max: 50 }\n',
    );
    const c = loadConfig({ env: { SITREP_CONFIG: ok } }).incidents.cluster;
    expect([c.window, c.openIncidents.max, c.openIncidents.lookback]).toEqual([
      48 * 3_600_000,
      50,
      7 * 86_400_000,
    ]);
    const bad = yamlFile('incidents:\n  cluster:\n    weights: { text: heavy }\n');
    expect(() => loadConfig({ env: { SITREP_CONFIG: bad } })).toThrow(
      /incidents\.cluster\.weights\.text/,
    );
  });
});
