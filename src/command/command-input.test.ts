import { describe, expect, it } from 'vitest';
import {
  FakeFeeds,
  MemoryDeliveryStore,
  MemoryIncidents,
  MemoryMuteStore,
  MemorySubscriptionStore,
} from '../../test/support/memory-stores.js';
import { testGazetteer } from '../../test/support/test-gazetteer.js';
import { DEFAULT_COMMAND_LIMITS, type CommandDeps } from './command-deps.js';
import { cleanCommandInput, MAX_COMMAND_LENGTH } from './command-input.js';
import type { CommandReply } from './command-types.js';
import { runCommand } from './run-command.js';

const clean = (s: string) => {
  const r = cleanCommandInput(s);
  return r.ok ? r.text : `ERROR: ${r.message}`;
};

describe('cleanCommandInput', () => {
  it('folds fullwidth forms and ligatures (NFKC) and keeps emoji and accents', () => {
    expect(clean('ｓｕｂｓｃｒｉｂｅ ﬁre')).toBe('subscribe fire');
    expect(clean('subscribe Qamishlı 🚀 café')).toBe('subscribe Qamishlı 🚀 café');
    expect(clean('subscribe cafe\u0301')).toBe('subscribe café'); // composed
  });

  it('removes bidi overrides, zero-width and control characters, and folds line breaks', () => {
    expect(clean('subscribe \u202edrone\u202c')).toBe('subscribe drone');
    expect(clean('sub\u200bscribe dr\u200done\u2066x\u2069')).toBe('subscribe dronex');
    expect(clean('subscribe drone\r\nFLUSHALL\r\n')).toBe('subscribe drone FLUSHALL');
    expect(clean('subscribe \u0000drone\u0007\u001b[31m')).toBe('subscribe drone[31m');
    expect(clean('\ufeff  recent \t\t ')).toBe('recent');
  });

  it('cuts runs of combining marks ("zalgo") to a few per letter', () => {
    const zalgo = `d${'\u0336\u0335\u0334\u0337'.repeat(50)}rone`;
    const out = clean(`subscribe ${zalgo}`);
    expect(out.length).toBeLessThan(30);
    expect(out.startsWith('subscribe d')).toBe(true);
  });

  it('drops lone surrogates', () => {
    expect(clean('subscribe \ud800drone\udfff')).toBe('subscribe drone');
  });

  it('refuses text that is too long, saying how long it may be', () => {
    expect(clean(`subscribe ${'a'.repeat(MAX_COMMAND_LENGTH)}`)).toMatch(
      /^ERROR: That command is too long \(1,010 characters; at most 1000\)/,
    );
    expect(clean('x'.repeat(1_000_000))).toMatch(/too long \(1,000,000 characters/);
    expect(clean(`recent ${' '.repeat(5000)}`)).toBe('recent'); // whitespace folds first
  });
});

function deps(): { deps: CommandDeps; subs: MemorySubscriptionStore } {
  const subs = new MemorySubscriptionStore();
  const feeds = new FakeFeeds();
  return {
    subs,
    deps: {
      incidents: new MemoryIncidents([]),
      subscriptions: subs,
      mutes: new MemoryMuteStore(),
      deliveries: new MemoryDeliveryStore(),
      feedHealth: feeds,
      feedValidator: feeds,
      feedRegistry: feeds,
      topics: [{ id: 'militia-attacks', title: 'Militia attacks', description: 'd', example: 'e' }],
      gazetteer: testGazetteer(),
      limits: DEFAULT_COMMAND_LIMITS,
      onInternalError: (err) => {
        throw err; // an unexpected error here is a test failure
      },
    },
  };
}

const run = (text: string, d: CommandDeps, admin = false): Promise<CommandReply> =>
  runCommand(
    {
      text,
      platform: 'test',
      user: { id: 'U1', isAdmin: admin },
      channel: { id: 'C1', isDirect: false },
      workspaceId: 'W1',
      now: new Date('2026-03-01T12:00:00Z'),
    },
    d,
  );

describe('runCommand with hostile input', () => {
  it('answers a very long command with a usage error and stores nothing', async () => {
    const { deps: d, subs } = deps();
    const reply = await run(`subscribe ${'drone '.repeat(5000)}`, d);
    expect(reply.error?.code).toBe('usage');
    expect(reply.text).toMatch(/too long/);
    expect(await subs.listAll()).toEqual([]);
  });

  const INJECTIONS = [
    'subscribe *',
    'subscribe drone\r\n*1\r\n$8\r\nFLUSHALL\r\n',
    'subscribe {"$gt": ""}',
    'subscribe place:{erbil}',
    'subscribe "unterminated',
    "subscribe ' OR 1=1 --",
    'subscribe $(rm -rf /)',
    'subscribe `reboot`',
    'unsubscribe s1*',
    'unsubscribe ../../etc/passwd',
    'incident inc_*',
    'mute {} for 1h',
    'route #general topic:*',
    'why *',
    'search \u202etxet\u202c',
    '\u0000\u0001\u0002',
    '🚀🚀🚀',
    'help \u200b',
  ];

  it.each(INJECTIONS)('handles %j with a clear reply, never an internal error', async (text) => {
    const { deps: d } = deps();
    const reply = await run(text, d, true);
    expect(reply.error?.code).not.toBe('internal');
    expect((reply.text ?? reply.title ?? '').length).toBeGreaterThan(0);
  });

  it('stores an odd but valid query as the cleaned text, without control or bidi characters', async () => {
    const { deps: d, subs } = deps();
    const reply = await run('subscribe drone\u202e\u0000 Erbil\r\n', d);
    expect(reply.error).toBeUndefined();
    const [sub] = await subs.listAll();
    expect(sub?.query).toBe('drone Erbil');
  });

  it('treats an unknown command hidden behind a zero-width space like any unknown command', async () => {
    const { deps: d } = deps();
    expect((await run('\u200bsubscribe drone', d)).error).toBeUndefined();
    expect((await run('rm\u200b -rf', d)).error?.code).toBe('unknown_subcommand');
  });
});
