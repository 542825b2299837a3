import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../test/support/make-incident.js';
import {
  FakeFeeds,
  MemoryDeliveryStore,
  MemoryIncidents,
  MemoryMuteStore,
  MemorySubscriptionStore,
} from '../../test/support/memory-stores.js';
import { DEFAULT_COMMAND_LIMITS, type CommandDeps } from './command-deps.js';
import type { CommandRequest } from './command-types.js';
import { runCommand } from './run-command.js';

function setup() {
  const feeds = new FakeFeeds();
  const subscriptions = new MemorySubscriptionStore();
  const mutes = new MemoryMuteStore();
  const deps: CommandDeps = {
    incidents: new MemoryIncidents([makeIncident({ id: 'inc-1', topics: ['militia-attacks'] })]),
    subscriptions,
    mutes,
    deliveries: new MemoryDeliveryStore(),
    feedHealth: feeds,
    feedValidator: feeds,
    feedRegistry: feeds,
    topics: [{ id: 'militia-attacks', title: 'Militia attacks', description: 'd', example: 'e' }],
    limits: DEFAULT_COMMAND_LIMITS,
  };
  return { deps, subscriptions, mutes };
}

const req = (platform: 'discord' | 'slack', text: string, dm: boolean): CommandRequest => ({
  text,
  platform,
  user: { id: 'U1', isAdmin: false },
  channel: dm ? { id: 'D1', isDirect: true } : { id: 'C1', isDirect: false },
  workspaceId: dm && platform === 'discord' ? '' : 'W1',
  now: new Date('2026-03-01T12:00:00Z'),
});

describe('personal subscriptions and DM mutes across a Discord server and DMs', () => {
  it('on Discord, a subscription made in a server is the same one seen and muted in DMs', async () => {
    const { deps, subscriptions, mutes } = setup();
    await runCommand(req('discord', 'subscribe drone', false), deps);
    const [sub] = subscriptions.subs.values();
    expect(sub?.destination).toEqual({
      platform: 'discord',
      workspaceId: '',
      kind: 'dm',
      id: 'U1',
    });
    const listed = await runCommand(req('discord', 'subscriptions', true), deps);
    expect(JSON.stringify(listed)).toContain('drone');
    await runCommand(req('discord', 'mute militia-attacks', true), deps);
    expect(mutes.mutes[0]?.destination).toEqual(sub?.destination); // the mute reaches those DMs
    await runCommand(req('discord', `unsubscribe ${sub?.id}`, true), deps);
    expect(subscriptions.subs.size).toBe(0);
  });

  it('on Slack, personal subscriptions stay scoped to the team', async () => {
    const { deps, subscriptions } = setup();
    await runCommand(req('slack', 'subscribe drone', false), deps);
    expect([...subscriptions.subs.values()][0]?.destination.workspaceId).toBe('W1');
  });
});
