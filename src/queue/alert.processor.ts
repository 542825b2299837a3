import type { Redis } from 'ioredis';
import type { IncidentStore } from '../store/incident-store.js';
import type { AlertSink } from './alert-sink.js';
import type { AlertJob } from './jobs.js';
import type { PipelineMetrics } from './metrics.js';

export interface AlertDeps {
  readonly incidents: IncidentStore;
  readonly sink: AlertSink;
  readonly redis: Redis;
  readonly prefix: string;
  readonly metrics: PipelineMetrics;
}

/**
 * Delivers one alert. A delivery record keyed by (incident, version) makes a retried or
 * re-enqueued job deliver nothing twice; a sink failure throws so BullMQ retries it.
 */
export async function deliverAlert(
  deps: AlertDeps,
  job: AlertJob,
): Promise<'delivered' | 'already' | 'gone'> {
  const record = `${deps.prefix}:delivered:${job.incidentId}:v${job.version}`;
  if ((await deps.redis.exists(record)) === 1) return 'already';
  const incident = await deps.incidents.get(job.incidentId);
  if (!incident) return 'gone';
  await deps.sink.deliver({ kind: job.kind, incident, changes: job.changes });
  await deps.redis.set(record, new Date().toISOString(), 'EX', 30 * 86_400);
  deps.metrics.alerts.inc({ kind: job.kind });
  return 'delivered';
}
