/**
 * What one delivery job does at its destination, decided under the job's lock on that
 * (destination, incident) from the delivery record it reads there — not from what the planner
 * saw when it planned the job, which a job delivering another version of the incident may have
 * changed since:
 *
 *   deliveryStep(planned version, record) → skip | post | update over what the message shows
 *
 * A record's version is the version its message shows (the job that wrote it rendered the
 * incident as it was then, possibly newer than the version it was planned for), and every
 * change up to it was announced. So a job whose version the message already shows does
 * nothing; an update edits the message and announces what changed after the recorded version.
 */
import type { DeliveryRecord, MessageRef } from '../domain/subscription.js';

export type DeliveryStep =
  | { readonly kind: 'skip' }
  | { readonly kind: 'post' }
  /** Edit `ref`, which shows version `shown`, and announce what changed since in its thread. */
  | { readonly kind: 'update'; readonly ref: MessageRef; readonly shown: number };

export function deliveryStep(version: number, record: DeliveryRecord | null): DeliveryStep {
  if (!record) return { kind: 'post' };
  if (record.status === 'sent' && record.version >= version) return { kind: 'skip' };
  // A held record keeps the message of an earlier live alert; the held version goes out in a
  // digest, so the thread announces what changed after it.
  if (record.messageRef && record.status !== 'failed')
    return { kind: 'update', ref: record.messageRef, shown: record.version };
  return { kind: 'post' };
}
