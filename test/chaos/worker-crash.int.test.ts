/**
 * Exactly-once alerts while the worker process is SIGKILLed and restarted at random moments:
 * the test entry with a fake chat API, and the real `sitrep start` with the Slack front end
 * against a fake Slack Web API that fails 30 % of its calls (short version of `npm run chaos`).
 */
import { describe, expect, it } from 'vitest';
import { runDeliveryChaos } from './harness/delivery-run.js';

describe('worker crashes', () => {
  it('delivers every incident exactly once when the worker is killed and restarted twice', async () => {
    const r = await runDeliveryChaos({ items: 6, kills: 2, seed: 11 });
    expect(r.kills).toBe(2);
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
    expect(r.delivered).toBe(6);
    expect(r.incidents).toBe(6);
    expect(r.itemsTwice).toBe(0);
  }, 60_000);

  it('gives each incident one Slack message through `sitrep start` with the Web API failing 30 % of calls', async () => {
    const r = await runDeliveryChaos({
      chat: 'slack',
      items: 5,
      kills: 1,
      failRate: 0.3,
      seed: 12,
    });
    expect(r.chatFailures).toBeGreaterThan(0);
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
  }, 60_000);

  // The window between the chat platform accepting a post and the delivery record being
  // written: the worker is killed right there, the job runs again, and findPosted (Slack:
  // the key in the message metadata, read back from conversations.history) must stop a second post.
  it('posts once even when the worker dies right after the chat API accepted a post', async () => {
    const r = await runDeliveryChaos({
      chat: 'slack',
      items: 3,
      kills: 2,
      killAfterPost: true,
      seed: 13,
    });
    expect(r.kills).toBe(2);
    expect(r.missing).toEqual([]);
    expect(r.duplicated).toEqual([]);
  }, 60_000);

  it('sees the duplicate a platform without findPosted makes in that window (at least once)', async () => {
    const r = await runDeliveryChaos({
      items: 3,
      kills: 1,
      killAfterPost: true,
      noFind: true,
      seed: 14,
    });
    expect(r.missing).toEqual([]);
    expect(r.duplicated.length).toBeGreaterThan(0);
  }, 60_000);
});
