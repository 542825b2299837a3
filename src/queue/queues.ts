import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.js';
import { QUEUES, type AlertJob, type DeliveryJob, type ItemsQueueJob } from './jobs.js';
import type { RedisOutageLog } from './redis-outage-log.js';

/** The BullMQ queues of the pipeline (feed polling has its own schedule, not a queue). */
export interface PipelineQueues {
  items: Queue<ItemsQueueJob>;
  alerts: Queue<AlertJob>;
  deliveries: Queue<DeliveryJob>;
  digests: Queue;
}

/** Creates the queues with the configured retry policy; their errors go to `outage`. */
export function createQueues(
  config: Readonly<Config>,
  connection: Redis,
  outage: RedisOutageLog,
): PipelineQueues {
  const p = config.pipeline;
  const base = { connection, prefix: config.redis.prefix };
  const defaultJobOptions = {
    attempts: p.attempts,
    backoff: { type: 'exponential', delay: p.retryBackoff },
    removeOnComplete: { count: p.keepCompleted },
    removeOnFail: { count: p.keepFailed },
  };
  const queues: PipelineQueues = {
    items: new Queue<ItemsQueueJob>(QUEUES.items, { ...base, defaultJobOptions }),
    alerts: new Queue<AlertJob>(QUEUES.alerts, { ...base, defaultJobOptions }),
    deliveries: new Queue<DeliveryJob>(QUEUES.deliveries, {
      ...base,
      defaultJobOptions: {
        ...defaultJobOptions,
        attempts: config.delivery.attempts,
        backoff: { type: 'chat', delay: config.delivery.retryBackoff },
      },
    }),
    digests: new Queue(QUEUES.digests, { ...base, defaultJobOptions }),
  };
  // Without an 'error' listener BullMQ prints a queue's errors with console.error.
  for (const [name, q] of Object.entries(queues)) outage.watch(q, name);
  return queues;
}

/** Waiting + active (+ delayed, except the digests' scheduler run) jobs over all queues. */
export async function pendingJobs(queues: PipelineQueues): Promise<number> {
  let n = 0;
  for (const [name, q] of Object.entries(queues)) {
    const states = name === 'digests' ? [] : ['delayed' as const];
    const c: Record<string, number> = await q.getJobCounts(
      'waiting',
      'active',
      'prioritized',
      ...states,
    );
    n += Object.values(c).reduce((a, b) => a + b, 0);
  }
  return n;
}
