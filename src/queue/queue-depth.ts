import { Gauge, type Registry } from 'prom-client';
import type { Pipeline } from './pipeline.js';

/**
 * Gauges of jobs per queue and state, and of feeds in the poll schedule (due or being polled),
 * refreshed by calling the returned function.
 */
export function queueDepthGauge(registry: Registry, pipeline: Pipeline): () => Promise<void> {
  const gauge = new Gauge({
    name: 'sitrep_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['queue', 'state'],
    registers: [registry],
  });
  const feeds = new Gauge({
    name: 'sitrep_feeds_scheduled',
    help: 'Feeds in the poll schedule: due (waiting for their time) or leased (being polled)',
    labelNames: ['state'],
    registers: [registry],
  });
  return async () => {
    for (const [name, q] of Object.entries(pipeline.queues)) {
      const counts: Record<string, number> = await q.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'failed',
        'completed',
      );
      for (const [state, n] of Object.entries(counts)) gauge.set({ queue: name, state }, n);
    }
    const { due, leased } = await pipeline.polling.schedule.size();
    feeds.set({ state: 'due' }, due);
    feeds.set({ state: 'leased' }, leased);
  };
}
