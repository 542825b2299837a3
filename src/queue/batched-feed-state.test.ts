import { describe, expect, it } from 'vitest';
import { captureLog } from '../../test/support/capture-log.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { FeedStateStore, PollState, PollSuccess } from '../store/feed-state-store.js';
import { BatchedFeedState } from './batched-feed-state.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stateOf = (feedId: string, etag: string, seeded = true): PollState => ({
  validators: { etag },
  health: { feedId, status: 'ok', consecutiveFailures: 0, itemsSeen: 0 },
  seeded,
});

const success = (second: number, newItems = 0): PollSuccess => ({
  at: new Date(Date.UTC(2026, 11, 7, 10, 0, second)),
  nextPollAt: new Date(Date.UTC(2026, 11, 7, 10, 1, second)),
  newItems,
});

const failure = {
  at: new Date(Date.UTC(2026, 11, 7, 10, 0, 30)),
  nextPollAt: new Date(Date.UTC(2026, 11, 7, 10, 5, 30)),
  reason: 'http',
  message: 'HTTP 503',
};

/**
 * A feed state store that logs each call as "method feed…". `fail.*` counts the next calls of
 * that method that fail; `hold()` keeps the next recordSuccesses unanswered until released.
 */
function recordingStore() {
  const calls: string[] = [];
  const fail = { pollStates: 0, recordSuccesses: 0 };
  const unseeded = new Set<string>();
  let held: { release: (ok: boolean) => void } | undefined;
  let holdNext = false;
  const store: FeedStateStore = {
    validators: () => Promise.resolve({}),
    saveValidators: () => Promise.resolve(),
    isSeeded(feedId) {
      calls.push(`isSeeded ${feedId}`);
      return Promise.resolve(true);
    },
    markSeeded: () => Promise.resolve(),
    unseen: (fps) => Promise.resolve(fps.map(() => true)),
    markSeen: () => Promise.resolve(),
    health: (feedId) => Promise.resolve(stateOf(feedId, '').health),
    pollState(feedId) {
      calls.push(`pollState ${feedId}`);
      return Promise.resolve(stateOf(feedId, 'own'));
    },
    pollStates(feedIds) {
      calls.push(`pollStates ${feedIds.join(' ')}`);
      if (fail.pollStates-- > 0) return Promise.reject(new Error('Redis is loading'));
      return Promise.resolve(feedIds.map((id) => stateOf(id, 'ahead', !unseeded.has(id))));
    },
    recordSuccess(feedId, s) {
      calls.push(`recordSuccess ${feedId} ${s.at.getUTCSeconds()}`);
      return Promise.resolve();
    },
    recordSuccesses(list) {
      const which = list.map((q) => `${q.feedId}@${q.success.at.getUTCSeconds()}`);
      calls.push(`recordSuccesses ${which.join(' ')}`);
      if (holdNext) {
        holdNext = false;
        return new Promise<void>((resolve, reject) => {
          held = { release: (ok) => (ok ? resolve() : reject(new Error('connection reset'))) };
        });
      }
      if (fail.recordSuccesses-- > 0) return Promise.reject(new Error('connection reset'));
      return Promise.resolve();
    },
    recordFailure(feedId) {
      calls.push(`recordFailure ${feedId}`);
      return Promise.resolve(1);
    },
    recordFetch(feedId) {
      calls.push(`recordFetch ${feedId}`);
      return Promise.resolve(true);
    },
    forget(feedId) {
      calls.push(`forget ${feedId}`);
      return Promise.resolve();
    },
  };
  return {
    store,
    calls,
    fail,
    unseeded,
    hold: () => (holdNext = true),
    release: (ok: boolean) => held?.release(ok),
  };
}

const silent = () => captureLog('silent').log;

describe('BatchedFeedState', () => {
  it("reads a claim's states in one call and hands each poll its own", async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5 });
    state.prefetch(['a', 'b']);
    expect((await state.pollState('b')).validators).toEqual({ etag: 'ahead' });
    expect((await state.pollState('a')).validators).toEqual({ etag: 'ahead' });
    // Taken once: a second poll of the feed reads its state anew.
    expect((await state.pollState('a')).validators).toEqual({ etag: 'own' });
    expect(calls).toEqual(['pollStates a b', 'pollState a']);
  });

  it('reads a state again when the read ahead is old or failed, and trusts it otherwise', async () => {
    const { store, calls, fail, unseeded } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5, prefetchTtlMs: 10 });
    state.prefetch(['old']);
    await sleep(30);
    expect((await state.pollState('old')).validators).toEqual({ etag: 'own' });
    fail.pollStates = 1;
    state.prefetch(['down']);
    expect((await state.pollState('down')).validators).toEqual({ etag: 'own' });
    // "First fetch to come" is not read again: a silent record is refused when a WebSub push
    // made the first fetch since (FetchRecord.silent; tested in poll-feed.int.test.ts).
    unseeded.add('new');
    state.prefetch(['new']);
    expect(await state.pollState('new')).toMatchObject({
      validators: { etag: 'ahead' },
      seeded: false,
    });
    expect(calls).toEqual([
      'pollStates old',
      'pollState old',
      'pollStates down',
      'pollState down',
      'pollStates new',
    ]);
  });

  it("writes the successes of several polls in one call, each feed's latest", async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5 });
    await state.recordSuccess('a', success(1));
    await state.recordSuccess('b', success(2));
    await state.recordSuccess('a', success(3));
    expect(calls).toEqual([]);
    await waitFor(() => calls.length > 0);
    expect(calls).toEqual(['recordSuccesses b@2 a@3']);
  });

  it("writes a feed's queued success before its failure, fetch or removal, in order", async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5 });
    await state.recordSuccess('a', success(1));
    await state.recordSuccess('b', success(2));
    await state.recordSuccess('c', success(3));
    await state.recordFailure('a', failure);
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

  it("waits for a feed's success in flight before its failure, and writes it first if its batch failed", async () => {
    const { store, calls, hold, release } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5, retryMs: 60_000 });
    hold();
    await state.recordSuccess('a', success(1));
    await waitFor(() => calls.length === 1);
    const failed = state.recordFailure('a', failure);
    await sleep(20);
    expect(calls).toEqual(['recordSuccesses a@1']);
    release(true);
    await failed;
    expect(calls).toEqual(['recordSuccesses a@1', 'recordFailure a']);

    hold();
    await state.recordSuccess('b', success(2));
    await waitFor(() => calls.length === 3);
    const again = state.recordFailure('b', failure);
    release(false);
    await again;
    expect(calls.slice(2)).toEqual(['recordSuccesses b@2', 'recordSuccess b 2', 'recordFailure b']);
  });

  it('writes a success with new items at once', async () => {
    const { store, calls } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5 });
    await state.recordSuccess('a', success(1, 3));
    expect(calls).toEqual(['recordSuccess a 1']);
  });

  it('tries a failed batch again retryMs later, minus the feeds written since, with one warning', async () => {
    const { store, calls, hold, release } = recordingStore();
    const { log, lines } = captureLog('warn');
    const state = new BatchedFeedState(store, { log, flushMs: 5, retryMs: 2000 });
    hold();
    await state.recordSuccess('a', success(1));
    await state.recordSuccess('b', success(2));
    await waitFor(() => calls.length === 1);
    // Polls that go on meanwhile: one flush waits for the batch in flight, one is due later.
    await state.recordSuccess('b', success(5));
    await sleep(20);
    await state.recordSuccess('c', success(6));
    release(false);
    await waitFor(() => lines.length > 0);
    await sleep(150);
    expect(calls).toEqual(['recordSuccesses a@1 b@2']);
    await waitFor(() => calls.length === 2);
    expect(calls[1]).toBe('recordSuccesses a@1 b@5 c@6');
    expect(lines.map((l) => l['msg'])).toEqual([
      'could not record the health of 1 polled feed; trying again in 2s',
    ]);
  });

  it('writes what is queued when closed, after the batch in flight, and then writes straight through', async () => {
    const { store, calls, hold, release } = recordingStore();
    const { log, lines } = captureLog('warn');
    const state = new BatchedFeedState(store, { log, flushMs: 5, retryMs: 50 });
    hold();
    await state.recordSuccess('a', success(1));
    await waitFor(() => calls.length === 1);
    await state.recordSuccess('b', success(2));
    const closed = state.close();
    await sleep(20);
    expect(calls).toEqual(['recordSuccesses a@1']);
    release(false);
    await closed;
    expect(calls).toEqual(['recordSuccesses a@1', 'recordSuccesses b@2']);
    // The failed batch is not tried again once closed.
    expect(lines.map((l) => l['msg'])).toEqual([
      'could not record the health of 1 polled feed; given up: the worker is stopping',
    ]);
    await state.recordSuccess('c', success(3));
    await sleep(100);
    expect(calls.slice(2)).toEqual(['recordSuccess c 3']);
  });

  it('closes once the batch in flight and the one a parked flush sends are answered', async () => {
    const { store, calls, hold, release } = recordingStore();
    let answerSecond: () => void = () => undefined;
    const slow: FeedStateStore = {
      ...store,
      recordSuccesses: (list) =>
        calls.length === 0
          ? store.recordSuccesses(list)
          : store.recordSuccesses(list).then(() => new Promise((r) => (answerSecond = r))),
    };
    const state = new BatchedFeedState(slow, { log: silent(), flushMs: 5 });
    hold();
    await state.recordSuccess('a', success(1));
    await waitFor(() => calls.length === 1);
    await state.recordSuccess('b', success(2));
    await sleep(20); // b's flush is parked behind a's batch
    let closed = false;
    const closing = state.close().then(() => (closed = true));
    release(true);
    await waitFor(() => calls.length === 2);
    await sleep(20);
    expect(closed).toBe(false);
    answerSecond();
    await closing;
    expect(calls).toEqual(['recordSuccesses a@1', 'recordSuccesses b@2']);
  });

  it('closes once the batch in flight is answered', async () => {
    const { store, calls, hold, release } = recordingStore();
    const state = new BatchedFeedState(store, { log: silent(), flushMs: 5 });
    hold();
    await state.recordSuccess('a', success(1));
    await waitFor(() => calls.length === 1);
    let closed = false;
    const closing = state.close().then(() => (closed = true));
    await sleep(20);
    expect(closed).toBe(false);
    release(true);
    await closing;
  });
});
