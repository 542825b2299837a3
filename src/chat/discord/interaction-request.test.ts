import { describe, expect, it } from 'vitest';
import { commandRequest, commandText, isAdmin, type OptionNode } from './interaction-request.js';

const sub = (name: string, options?: OptionNode[]): OptionNode[] => [
  { name, type: 1, ...(options ? { options } : {}) },
];
const o = (name: string, value: string | number | boolean): OptionNode => ({
  name,
  type: 3,
  value,
});

describe('commandText', () => {
  it('rebuilds the command-core text of each subcommand from its options', () => {
    expect(commandText(sub('recent'))).toBe('recent');
    expect(
      commandText(sub('recent', [o('count', 5), o('query', 'place:anbar'), o('since', '7d')])),
    ).toBe('recent 5 place:anbar since 7d');
    expect(commandText(sub('incident', [o('id', 'inc_abc')]))).toBe('incident inc_abc');
    expect(commandText(sub('search', [o('query', '"Kataib Hezbollah" drone')]))).toBe(
      'search "Kataib Hezbollah" drone',
    );
    expect(commandText(sub('subscribe', [o('query', 'drone'), o('place', 'erbil')]))).toBe(
      'subscribe place:erbil drone',
    );
    expect(
      commandText(
        sub('subscribe', [
          o('topic', 'casualties'),
          o('actor', "Kata'ib Hezbollah"),
          o('here', true),
          o('digest', 'hourly'),
          o('quiet', '22:00-07:00'),
          o('tz', 'Asia/Baghdad'),
          o('urgent', 1),
        ]),
      ),
    ).toBe(
      `subscribe here topic:casualties actor:"Kata'ib Hezbollah" --digest hourly --quiet 22:00-07:00 --tz Asia/Baghdad --urgent 1`,
    );
    expect(commandText(sub('unsubscribe', [o('subscription', 's12')]))).toBe('unsubscribe s12');
    expect(commandText(sub('subscriptions'))).toBe('subscriptions');
    expect(commandText(sub('topics'))).toBe('topics');
    expect(commandText(sub('route', [o('topic', 'militia-attacks')]))).toBe(
      'route militia-attacks',
    );
    expect(
      commandText(sub('route', [o('query', 'place:syria killed>=1'), o('digest', 'daily')])),
    ).toBe('route place:syria killed>=1 --digest daily');
    expect(commandText(sub('route', [o('topic', 'us-strikes'), o('query', 'place:syria')]))).toBe(
      'route topic:us-strikes place:syria',
    );
    expect(commandText(sub('unroute', [o('route', 's7')]))).toBe('unroute s7');
    expect(commandText(sub('routes'))).toBe('routes');
    expect(commandText(sub('why', [o('id', 'inc_abc')]))).toBe('why inc_abc');
    expect(commandText(sub('mute', [o('target', 'presence-politics'), o('for', '2d')]))).toBe(
      'mute presence-politics for 2d',
    );
    expect(commandText(sub('help', [o('subcommand', 'subscribe')]))).toBe('help subscribe');
    expect(commandText(sub('help'))).toBe('help');
  });

  it('reads the feeds group: list, add, remove', () => {
    const group = (name: string, options: OptionNode[] = []): OptionNode[] => [
      { name: 'feeds', type: 2, options: [{ name, type: 1, options }] },
    ];
    expect(commandText(group('list'))).toBe('feeds');
    expect(commandText(group('add', [o('url', 'https://example.org/rss.xml')]))).toBe(
      'feeds add https://example.org/rss.xml',
    );
    expect(commandText(group('remove', [o('feed', 'example-org')]))).toBe(
      'feeds remove example-org',
    );
  });

  it('quotes multi-word places and actors, and drops empty values', () => {
    expect(commandText(sub('subscribe', [o('place', 'Ain "al-Asad"'), o('query', '  ')]))).toBe(
      'subscribe place:"Ain al-Asad"',
    );
    expect(commandText([])).toBe('help');
  });
});

describe('commandRequest', () => {
  const ctx = { userId: 'U1', userName: 'alice', guildId: 'G1', channelId: 'C1', permissions: 0n };
  const now = new Date('2026-03-01T00:00:00Z');

  it('makes Manage Guild, Administrator and listed users admins, nobody else', () => {
    expect(isAdmin(ctx, [])).toBe(false);
    expect(isAdmin({ ...ctx, permissions: 1n << 5n }, [])).toBe(true); // Manage Guild
    expect(isAdmin({ ...ctx, permissions: 1n << 3n }, [])).toBe(true); // Administrator
    expect(isAdmin({ ...ctx, permissions: 1n << 11n }, [])).toBe(false); // Send Messages
    expect(isAdmin(ctx, ['U1'])).toBe(true);
    expect(isAdmin({ ...ctx, guildId: null, permissions: null }, [])).toBe(false);
  });

  it('describes a guild channel and a DM', () => {
    expect(commandRequest(ctx, 'topics', [], now)).toEqual({
      text: 'topics',
      platform: 'discord',
      user: { id: 'U1', name: 'alice', isAdmin: false },
      channel: { id: 'C1', isDirect: false },
      workspaceId: 'G1',
      now,
    });
    const dm = commandRequest(
      { ...ctx, guildId: null, channelId: 'D1', permissions: null },
      'x',
      [],
      now,
    );
    expect(dm.channel).toEqual({ id: 'D1', isDirect: true });
    expect(dm.workspaceId).toBe('');
  });
});
