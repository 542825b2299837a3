/**
 * Hostile feeds against a worker process (short version of `npm run chaos -- --scenario hostile`):
 * the worker stays up under the stated memory bound, each feed gets its clear state in feed
 * health, nothing from /etc/passwd or any script reaches an item or an alert, and a good feed's
 * incidents keep arriving.
 */
import { describe, expect, it } from 'vitest';
import { runHostileFeeds } from './harness/hostile-run.js';

/** The bound stated in docs/RELIABILITY.md for a worker under these feeds. */
const RSS_BOUND = 512 * 1024 * 1024;

describe('hostile feeds', () => {
  it('keep the worker up and bounded, each with its own clear health, while a good feed flows', async () => {
    const r = await runHostileFeeds({ bombBytes: 256 * 1024 ** 2 });
    expect(r.workerAlive).toBe(true);
    expect(r.peakRssBytes).toBeGreaterThan(0);
    expect(r.peakRssBytes).toBeLessThan(RSS_BOUND);
    expect(r.goodDelivered).toBe(r.goodExpected);
    const health = Object.fromEntries(r.rows.map((row) => [row.id, row.health]));
    for (const row of r.rows) {
      if (row.expect === 'ok') expect(row.health, row.id).toMatchObject({ status: 'ok' });
      else
        expect(row.health, row.id).toMatchObject({
          status: 'failing',
          lastErrorReason: row.expect,
        });
    }
    expect(health['bomb']?.lastError).toBe('response larger than 5 MB');
    expect(health['loop-a']?.lastError).toMatch(/^redirect loop: /);
    expect(health['drip']?.lastError).toBe('timed out after 3s');
    expect(r.leakedItems).toBe(0);
    expect(r.leakedAlerts).toBe(0);
    expect(r.hostileAlerts.some((t) => t.includes('Rocket attack on Erbil air base'))).toBe(true);
    expect(r.hostileAlerts.some((t) => t.includes('Ain al-Asad'))).toBe(true);
    expect(r.manySeen).toBeGreaterThan(0);
    expect(r.manySeen).toBeLessThanOrEqual(1000); // fetch.maxItems
  }, 60_000);
});
