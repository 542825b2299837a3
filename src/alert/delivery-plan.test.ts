import { describe, expect, it } from 'vitest';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
import {
  destinationKey,
  type DeliveryRecord,
  type Destination,
  type Subscription,
} from '../domain/subscription.js';
import { DEFAULT_ALERT_SETTINGS } from './alert-settings.js';
import { planDeliveries, type PlanInput } from './delivery-plan.js';

const now = new Date('2026-03-01T12:00:00Z');
const dm = (user: string): Destination => ({
  platform: 'test',
  workspaceId: 'W',
  kind: 'dm',
  id: user,
});
const channel: Destination = { platform: 'test', workspaceId: 'W', kind: 'channel', id: 'C1' };

function sub(
  id: string,
  destination: Destination,
  extra: Partial<Subscription> = {},
): Subscription {
  return {
    id,
    kind: destination.kind === 'dm' ? 'personal' : 'route',
    ownerId: 'U1',
    destination,
    query: 'drone',
    mode: 'live',
    createdAt: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const incident = makeIncident({
  id: 'i1',
  topics: ['militia-attacks'],
  casualties: [casualty('us', 1, 2)],
});

function plan(matched: Subscription[], extra: Partial<PlanInput> = {}) {
  return planDeliveries({
    incident,
    matched,
    previous: new Map(),
    mutes: new Map(),
    recentSent: new Map(),
    now,
    settings: DEFAULT_ALERT_SETTINGS,
    ...extra,
  });
}

describe('planDeliveries', () => {
  it('sends one message per person per version however many subscriptions match', () => {
    const r = plan([
      sub('s1', dm('U1')),
      sub('s2', dm('U1')),
      sub('s3', dm('U2')),
      sub('r1', channel),
    ]);
    expect(r.deliveries.map((d) => d.destination.id).sort()).toEqual(['C1', 'U1', 'U2']);
    const u1 = r.deliveries.find((d) => d.destination.id === 'U1');
    expect(u1?.subscriptionIds).toEqual(['s1', 's2']);
    expect(u1?.mode).toBe('post');
    expect(new Set(r.deliveries.map((d) => d.jobId)).size).toBe(3);
  });

  it('gives the same job id for the same destination, incident and version only', () => {
    const a = plan([sub('s1', dm('U1'))]).deliveries[0];
    const b = plan([sub('s9', dm('U1'))]).deliveries[0];
    const c = planDeliveries({
      incident: { ...incident, version: 2 },
      matched: [sub('s1', dm('U1'))],
      previous: new Map(),
      mutes: new Map(),
      recentSent: new Map(),
      now,
      settings: DEFAULT_ALERT_SETTINGS,
    }).deliveries[0];
    expect(a?.jobId).toBe(b?.jobId);
    expect(c?.jobId).not.toBe(a?.jobId);
  });

  it('edits the earlier message and threads under it for an update', () => {
    const prev: DeliveryRecord = {
      destination: channel,
      incidentId: 'i1',
      version: 1,
      status: 'sent',
      at: now.toISOString(),
      messageRef: { channelId: 'C1', messageId: 'm-1' },
      subscriptionIds: ['r1'],
    };
    const previous = new Map([[destinationKey(channel), prev]]);
    const update = planDeliveries({
      incident: { ...incident, version: 2 },
      matched: [sub('r1', channel)],
      previous,
      mutes: new Map(),
      recentSent: new Map(),
      now,
      settings: DEFAULT_ALERT_SETTINGS,
    });
    expect(update.deliveries[0]).toMatchObject({
      mode: 'edit+thread',
      previousRef: { channelId: 'C1', messageId: 'm-1' },
      version: 2,
    });
    const again = plan([sub('r1', channel)], { previous });
    expect(again.deliveries).toEqual([]);
    expect(again.skipped[0]?.reason).toBe('already-delivered');
  });

  it('skips disabled subscriptions and muted destinations', () => {
    const disabled = sub('s1', dm('U1'), {
      disabled: { reason: 'DMs closed', at: now.toISOString() },
    });
    const mute = {
      id: 'm1',
      destination: channel,
      target: { kind: 'topic' as const, topic: 'militia-attacks' },
      until: '2026-03-01T20:00:00Z',
      createdBy: 'U1',
      createdAt: now.toISOString(),
    };
    const r = plan([disabled, sub('r1', channel)], {
      mutes: new Map([[destinationKey(channel), [mute]]]),
    });
    expect(r.deliveries).toEqual([]);
    expect(r.skipped).toMatchObject([{ reason: 'muted', destination: channel }]);
    const expired = plan([sub('r1', channel)], {
      mutes: new Map([[destinationKey(channel), [{ ...mute, until: '2026-03-01T11:00:00Z' }]]]),
    });
    expect(expired.deliveries).toHaveLength(1);
  });

  it('holds alerts in quiet hours for a digest, unless above the casualty threshold', () => {
    // 12:00 UTC is 21:00 in Tokyo: inside 20:00–07:00.
    const quietHours = { start: '20:00', end: '07:00', timeZone: 'Asia/Tokyo' };
    const r = plan([sub('s1', dm('U1'), { quietHours })]);
    expect(r.deliveries).toEqual([]);
    expect(r.held).toMatchObject([
      { reason: 'quiet-hours', releaseAt: '2026-03-01T22:00:00.000Z' },
    ]);
    const urgent = plan([sub('s1', dm('U1'), { quietHours: { ...quietHours, urgentKilled: 1 } })]);
    expect(urgent.deliveries).toHaveLength(1);
    const daytime = plan([sub('s1', dm('U1'), { quietHours: { ...quietHours, timeZone: 'UTC' } })]);
    expect(daytime.deliveries).toHaveLength(1);
  });

  it('lets the most immediate subscription of a destination decide', () => {
    const r = plan([
      sub('s1', dm('U1'), { mode: 'daily' }),
      sub('s2', dm('U1'), { mode: 'hourly' }),
    ]);
    expect(r.held).toMatchObject([{ reason: 'hourly', releaseAt: '2026-03-01T13:00:00.000Z' }]);
    expect(plan([sub('s1', dm('U1'), { mode: 'daily' })]).held[0]?.releaseAt).toBe(
      '2026-03-02T08:00:00.000Z',
    );
    expect(
      plan([sub('s1', dm('U1'), { mode: 'daily' }), sub('s2', dm('U1'))]).deliveries,
    ).toHaveLength(1);
  });

  it('coalesces a burst into a digest at the end of the window', () => {
    const recentSent = new Map([[destinationKey(channel), DEFAULT_ALERT_SETTINGS.burstThreshold]]);
    const r = plan([sub('r1', channel)], { recentSent });
    expect(r.deliveries).toEqual([]);
    expect(r.held).toMatchObject([{ reason: 'burst', releaseAt: '2026-03-01T12:10:00.000Z' }]);
    const below = new Map([[destinationKey(channel), DEFAULT_ALERT_SETTINGS.burstThreshold - 1]]);
    expect(plan([sub('r1', channel)], { recentSent: below }).deliveries).toHaveLength(1);
  });
});
