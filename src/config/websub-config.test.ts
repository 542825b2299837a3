import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';

describe('the websub block', () => {
  it('is off by default, with a slow safety poll ready', () => {
    const c = loadConfig({ env: {} });
    expect(c.websub.callbackUrl).toBeUndefined();
    expect(c.websub.safetyPollInterval).toBe(3_600_000);
    expect(c.websub.leaseSeconds).toBe(864_000);
  });

  it('takes the callback URL from the environment', () => {
    const c = loadConfig({
      env: { SITREP_WEBSUB_CALLBACK_URL: 'https://bot.example.org/websub/' },
    });
    expect(c.websub.callbackUrl).toBe('https://bot.example.org/websub/');
  });

  it('reports a callback without the HTTP server, a bad URL and a tiny lease at once', () => {
    expect(() =>
      loadConfig({
        env: {},
        overrides: {
          http: { enabled: false },
          websub: { callbackUrl: 'https://x.example/websub/' },
        },
      }),
    ).toThrow(/websub\.callbackUrl: the WebSub callback is served by the HTTP server/);
    let message = '';
    try {
      loadConfig({ env: {}, overrides: { websub: { callbackUrl: 'ftp://x/', leaseSeconds: 5 } } });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/websub\.callbackUrl: must be an http\(s\) URL/);
    expect(message).toMatch(/websub\.leaseSeconds/);
  });
});
