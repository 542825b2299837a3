import type { FeedStateStore } from '../../store/feed-state-store.js';
import type { WebSubLeaseStore } from '../../store/websub-lease-store.js';

/**
 * The poller's feed state as WebSub changes it, without touching the poll path: while a feed's
 * lease runs, each successful poll sets its next poll at least `safetyPollMs` ahead (the poller
 * skips it until then); after a push (or when push was lost) the next poll is not held back.
 */
export function withSafetyPoll(
  state: FeedStateStore,
  leases: WebSubLeaseStore,
  safetyPollMs: number,
): FeedStateStore {
  return {
    validators: (feedId) => state.validators(feedId),
    saveValidators: (feedId, v) => state.saveValidators(feedId, v),
    isSeeded: (feedId) => state.isSeeded(feedId),
    markSeeded: (feedId) => state.markSeeded(feedId),
    unseen: (fingerprints) => state.unseen(fingerprints),
    markSeen: (fingerprints, ttlMs) => state.markSeen(fingerprints, ttlMs),
    recordFailure: (feedId, f) => state.recordFailure(feedId, f),
    forget: (feedId) => state.forget(feedId),
    async health(feedId) {
      const health = await state.health(feedId);
      if (!health.nextPollAt || !(await leases.takePushed(feedId))) return health;
      const { nextPollAt: _held, ...due } = health;
      return due;
    },
    async recordSuccess(feedId, s) {
      if (!(await leases.isActive(feedId))) return state.recordSuccess(feedId, s);
      const safety = new Date(s.at.getTime() + safetyPollMs);
      const nextPollAt = safety > s.nextPollAt ? safety : s.nextPollAt;
      return state.recordSuccess(feedId, { ...s, nextPollAt });
    },
  };
}
