import { createHash } from 'node:crypto';
import { destinationKey, type Destination } from '../domain/subscription.js';

/**
 * Idempotent job id for one (destination, incident, version): enqueuing the same delivery twice
 * yields the same id, so BullMQ keeps one job. BullMQ ids must not contain ":".
 */
export function deliveryJobId(
  destination: Destination,
  incidentId: string,
  version: number,
): string {
  const h = createHash('sha256')
    .update(`${destinationKey(destination)}\n${incidentId}\n${version}`)
    .digest('hex');
  return `deliver-${h.slice(0, 32)}`;
}

/** Idempotent job id for the digest of one destination released at one time. */
export function digestJobId(destination: Destination, releaseAt: string): string {
  const h = createHash('sha256')
    .update(`${destinationKey(destination)}\n${releaseAt}`)
    .digest('hex');
  return `digest-${h.slice(0, 32)}`;
}
