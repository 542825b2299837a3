/**
 * Before the shared poll schedule (src/queue/schedule/), every feed had a BullMQ job scheduler
 * on a `poll` queue. A Redis that ran that version still holds `<prefix>:poll:*`: schedulers
 * and jobs that no worker takes any more. They are removed once, when a worker starts and
 * finds them (one EXISTS when there is nothing to do).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';

const LEGACY_QUEUE = 'poll';
/** Keys a BullMQ queue keeps while it has any job, scheduler or history. */
const QUEUE_KEYS = [
  'meta',
  'id',
  'repeat',
  'wait',
  'paused',
  'active',
  'delayed',
  'prioritized',
  'completed',
  'failed',
  'events',
  'marker',
];

export interface LegacyPollQueueRemoval {
  readonly schedulers: number;
  readonly jobs: number;
}

/** Obliterates the old per-feed poll queue if this Redis holds one; null when there was none. */
export async function removeLegacyPollQueue(
  connection: Redis,
  prefix: string,
  log: Logger,
): Promise<LegacyPollQueueRemoval | null> {
  const found = await connection.exists(...QUEUE_KEYS.map((k) => `${prefix}:${LEGACY_QUEUE}:${k}`));
  if (found === 0) return null;
  const queue = new Queue(LEGACY_QUEUE, { connection, prefix });
  try {
    const schedulers = await queue.getJobSchedulersCount();
    const counts = await queue.getJobCounts();
    const jobs = Object.values(counts).reduce((a, b) => a + b, 0);
    // force: jobs an old worker still had active go too (nothing runs them after the upgrade).
    await queue.obliterate({ force: true });
    log.info(
      { queue: `${prefix}:${LEGACY_QUEUE}`, schedulers, jobs },
      `removed the per-feed poll queue of an earlier version (${schedulers} schedulers, ${jobs} jobs): feeds are polled from the shared schedule now`,
    );
    return { schedulers, jobs };
  } finally {
    await queue.close();
  }
}
