import { Counter, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/http-server.js';

describe('health and metrics endpoints', () => {
  it('serves /healthz by Redis reachability and /metrics in Prometheus format', async () => {
    const registry = new Registry();
    new Counter({ name: 'sitrep_polls_total', help: 'polls', registers: [registry] }).inc(3);
    let redisUp = true;
    let scrapes = 0;
    const http = await startHttpServer(
      { registry, redisOk: async () => redisUp, beforeScrape: async () => void (scrapes += 1) },
      '127.0.0.1',
      0,
    );
    try {
      const base = `http://127.0.0.1:${http.port}`;
      const ok = await fetch(`${base}/healthz`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ status: 'ok' });
      redisUp = false;
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
      const metrics = await fetch(`${base}/metrics`);
      expect(await metrics.text()).toMatch(/^sitrep_polls_total 3$/m);
      expect(scrapes).toBe(1);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
