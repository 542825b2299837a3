/**
 * Digests: alerts held by the planner (quiet hours, hourly/daily mode, a channel's burst) go out
 * together once their release time has come. A repeating tick moves each due destination's held
 * alerts into one `digest` job (idempotent id per destination and release time) on the
 * `deliveries` queue, where it is paced like any other message.
 */
import type { Queue } from 'bullmq';
import { digestJobId } from '../alert/delivery-job-id.js';
import { buildDigest } from '../alert/digest-message.js';
import type { HeldAlert } from '../domain/held-alert.js';
import type { Incident } from '../domain/incident.js';
import type { DeliveryStore } from '../store/delivery-store.js';
import type { IncidentStore } from '../store/incident-store.js';
import type { ChatPlatform } from '../chat/chat-platform.js';
import type { Logger } from '../log/logger.js';
import { postOnce } from './post-once.js';
import type { DigestJob } from './jobs.js';

const END_OF_TIME = new Date(8.64e15);

/** The tick: returns how many digest jobs it enqueued. */
export async function releaseDueDigests(
  deps: { deliveries: DeliveryStore; queue: Queue },
  now = new Date(),
): Promise<number> {
  let n = 0;
  for (const destination of await deps.deliveries.dueDigests(now)) {
    // Enqueue first, then remove: a crash in between re-enqueues the same job id (no loss).
    // A burst goes out as one digest: alerts held later in the same burst come along.
    const all = await deps.deliveries.peekHeld(destination, END_OF_TIME);
    const due = (h: HeldAlert) => Date.parse(h.releaseAt) <= now.getTime();
    const burst = all.some((h) => due(h) && h.reason === 'burst');
    const held = all.filter((h) => due(h) || (burst && h.reason === 'burst'));
    const last = held
      .map((h) => h.releaseAt)
      .sort()
      .at(-1);
    if (!last) continue;
    const data: DigestJob = {
      destination: { ...destination },
      held: held.map((h) => ({ ...h, subscriptionIds: [...h.subscriptionIds] })),
    };
    await deps.queue.add('digest', data, { jobId: digestJobId(destination, last) });
    await deps.deliveries.removeHeld(destination, held);
    n += 1;
  }
  return n;
}

/** Builds and posts one digest; records every incident version it covers as sent. */
export async function postDigest(
  deps: { incidents: IncidentStore; deliveries: DeliveryStore; log: Logger; now?: () => Date },
  platform: ChatPlatform,
  job: DigestJob,
  jobId: string,
): Promise<'posted' | 'empty'> {
  const byId = new Map<string, Incident>();
  for (const id of new Set(job.held.map((h) => h.incidentId))) {
    const incident = await deps.incidents.get(id);
    if (incident) byId.set(id, incident);
  }
  const digest = buildDigest(job.held, byId);
  if (!digest) return 'empty';
  const key = `digest:${jobId}`;
  await postOnce(deps, platform, job.destination, key, () =>
    platform.postDigest(job.destination, digest, key),
  );
  const at = (deps.now?.() ?? new Date()).toISOString();
  const subscriptionIds = [...new Set(job.held.flatMap((h) => h.subscriptionIds))];
  for (const c of digest.covers) {
    const prev = await deps.deliveries.get(job.destination, c.incidentId);
    await deps.deliveries.put({
      destination: job.destination,
      incidentId: c.incidentId,
      version: c.version,
      status: 'sent',
      at,
      subscriptionIds,
      ...(prev?.messageRef ? { messageRef: prev.messageRef } : {}),
    });
  }
  return 'posted';
}
