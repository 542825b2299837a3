import { describe, expect, it } from 'vitest';
import { captureLog } from '../../test/support/capture-log.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { FeedStateStore, PollState, PollSuccess } from '../store/feed-state-store.js';
import { BatchedFeedState } from './batched-feed-state.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stateOf = (feedId: string, etag: string): PollState => ({
  validators: { etag },
  health: { feedId, status: 'ok', consecutiveFailures: 0, itemsSeen: 0 },
  seeded: true,
});

const success = (second: number, newItems = 0): PollSuccess => ({
  at: new Date(Date.UTC(2026, 11, 7, 10, 0, second)),
  nextPollAt: new Date(Date.UTC(2026, 11, 7, 10, 1, second)),
  newItems,
});

/** A feed state store that logs each call, as "method feed…", and fails on request. */
function recordingStore() {
  const calls: string[] = [];
  const fail = { pollStates: false, recordSuccesses: false };
  const etags = new Map<string, string>();
  const store: FeedStateStore = {
    validators: () => Promise.resolve({}),
    saveValidators: () => Promise.resolve(),
    isSeeded: () => Promise.resolve(true),
    markSeeded: () => Promise.resolve(),
    unseen: (fps) => Promise.resolve(fps.map(() => true)),
    markSeen: () => Promise.resolve(),
    health: (feedId) => Promise.resolve(stateOf(feedId, '').health),
    pollState(feedId) {
      calls.push(`pollState ${feedId}`);
      return Promise.resolve(stateOf(feedId, etags.get(feedId) ?? 'own'));
    },
    pollStates(feedIds) {
      calls.push(`pollStates ${feedIds.join(' ')}`);
      if (fail.pollStates) return Promise.reject(new Error('Redis is loading'));
      return Promise.resolve(feedIds.map((id) => stateOf(id, etags.get(id) ?? 'ahead')));
    },
    recordSuccess(feedId, s) {
      calls.push(`recordSuccess ${feedId} ${s.at.getUTCSeconds()}`);
      return Promise.resolve();
    },
    recordSuccesses(list) {
      calls.push(
        `recordSuccesses ${list.map((q) => `${q.feedId}@${q.success.at.getUTCSeconds()}`).join(' ')}`,
      );
      if (fail.recordSuccesses) return Promise.reject(new Error('connection reset'));
      return Promise.resolve();
    },
    recordFailure(feedId) {
      calls.push(`recordFailure ${feedId}`);
      return Promise.resolve(1);
    },
    recordFetch(feedId) {
      calls.push(`recordFetch ${feedId}`);
      return Promise.resolve();
    },
    forget(feedId) {
      calls.push(`forget ${feedId}`);
      return Promise.resolve();
    },
  };
  return { store, calls, fail, etags };
}

describe('BatchedFeedState', () => {
  it("reads a claim's states in one call and hands each poll its own", async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: captureLog('silent').log, flushMs: 5 });
    state.prefetch(['a', 'b']);
    expect((await state.pollState('b')).validators).toEqual({ etag: 'ahead' });
    expect((await state.pollState('a')).validators).toEqual({ etag: 'ahead' });
    // Taken once: a second poll of the feed reads its state anew.
    expect((await state.pollState('a')).validators).toEqual({ etag: 'own' });
    expect(calls).toEqual(['pollStates a b', 'pollState a']);
  });

  it('reads a state again when the read ahead is old or failed', async () => {
    const { store, calls, fail } = recordingStore();
    const state = new BatchedFeedState(store, {
      log: captureLog('silent').log,
      prefetchTtlMs: 10,
    });
    state.prefetch(['old']);
    await sleep(30);
    expect((await state.pollState('old')).validators).toEqual({ etag: 'own' });
    fail.pollStates = true;
    state.prefetch(['down']);
    expect((await state.pollState('down')).validators).toEqual({ etag: 'own' });
    expect(calls).toEqual(['pollStates old', 'pollState old', 'pollStates down', 'pollState down']);
  });

  it("writes the successes of several polls in one call, each feed's latest", async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: captureLog('silent').log, flushMs: 5 });
    await state.recordSuccess('a', success(1));
    await state.recordSuccess('b', success(2));
    await state.recordSuccess('a', success(3));
    expect(calls).toEqual([]);
    await waitFor(() => calls.length > 0);
    expect(calls).toEqual(['recordSuccesses b@2 a@3']);
  });

  it("writes a feed's queued success before its failure, fetch or removal, in order", async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: captureLog('silent').log, flushMs: 5 });
    await state.recordSuccess('a', success(1));
    await state.recordSuccess('b', success(2));
    await state.recordSuccess('c', success(3));
    await state.recordFailure('a', {
      at: new Date(),
      nextPollAt: new Date(),
      reason: 'http',
      message: 'HTTP 503',
    });
    await state.recordFetch('b', {
      success: success(4, 2),
      validators: {},
      seen: [],
      seenTtlMs: 1000,
      seeded: true,
    });
    await state.forget('z');
    await waitFor(() => calls.length === 6);
    expect(calls).toEqual([
      'recordSuccess a 1',
      'recordFailure a',
      'recordSuccess b 2',
      'recordFetch b',
      'forget z',
      'recordSuccesses c@3',
    ]);
  });

  it('writes a success with new items at once', async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: captureLog('silent').log, flushMs: 5 });
    await state.recordSuccess('a', success(1, 3));
    expect(calls).toEqual(['recordSuccess a 1']);
  });

  it('tries a failed batch again later, minus the feeds written since, and logs it', async () => {
    const { store, calls, fail } = recordingStore();
    const { log, lines } = captureLog('warn');
    const state = new BatchedFeedState(store, { log, flushMs: 5, retryMs: 1000 });
    await state.recordSuccess('a', success(1));
    await state.recordSuccess('b', success(2));
    fail.recordSuccesses = true;
    await waitFor(() => lines.length > 0);
    expect(lines.map((l) => l['msg'])).toEqual([
      'could not record the health of 2 polled feeds; trying again in 1s',
    ]);
    fail.recordSuccesses = false;
    await state.recordSuccess('b', success(5));
    await waitFor(() => calls.length === 2);
    expect(calls).toEqual(['recordSuccesses a@1 b@2', 'recordSuccesses a@1 b@5']);
    await sleep(100);
    expect(calls).toHaveLength(2);
  });

  it('writes what is queued when closed', async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: captureLog('silent').log, flushMs: 1000 });
    await state.recordSuccess('a', success(1));
    await state.close();
    expect(calls).toEqual(['recordSuccesses a@1']);
  });
});
