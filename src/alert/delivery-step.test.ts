import { describe, expect, it } from 'vitest';
import type { DeliveryRecord } from '../domain/subscription.js';
import { deliveryStep } from './delivery-step.js';

const ref = { channelId: 'C1', messageId: 'm-1' };
const record = (version: number, status: DeliveryRecord['status'], withRef = true) => ({
  destination: { platform: 'test' as const, workspaceId: 'W', kind: 'channel' as const, id: 'C1' },
  incidentId: 'i1',
  version,
  status,
  at: '2026-03-01T12:00:00Z',
  subscriptionIds: ['r1'],
  ...(withRef ? { messageRef: ref } : {}),
});

describe('deliveryStep', () => {
  it('posts when the destination has no message for the incident', () => {
    expect(deliveryStep(1, null)).toEqual({ kind: 'post' });
    expect(deliveryStep(2, record(1, 'failed', false))).toEqual({ kind: 'post' });
    expect(deliveryStep(3, record(2, 'sent', false))).toEqual({ kind: 'post' }); // digest only
  });

  it('updates over the version the recorded message shows, whatever the plan said', () => {
    // The job for v3 was planned when v1 was recorded; v2's job has since recorded v2.
    expect(deliveryStep(3, record(2, 'sent'))).toEqual({ kind: 'update', ref, shown: 2 });
    expect(deliveryStep(3, record(2, 'held'))).toEqual({ kind: 'update', ref, shown: 2 });
  });

  it('does nothing when the message already shows this version or a later one', () => {
    // v1's job rendered the incident at v2 (a later report arrived before it ran).
    expect(deliveryStep(2, record(2, 'sent'))).toEqual({ kind: 'skip' });
    expect(deliveryStep(1, record(2, 'sent'))).toEqual({ kind: 'skip' });
  });
});
