/**
 * `sitrep discord register` against the fake Discord: the PUT body (one /sitrep command with
 * every subcommand, typed options, the configured topics as choices, autocomplete) and the
 * guild variant; the real CLI path (environment → config → REST).
 */
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SUBCOMMANDS } from '../../../src/command/subcommand-usage.js';
import { runCli } from '../../../src/cli/main-cli.js';
import type { CliIo } from '../../../src/cli/io.js';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr };
  const code = await runCli(args, io);
  stdout.end();
  stderr.end();
  return { code, out: String(stdout.read() ?? ''), err: String(stderr.read() ?? '') };
}

interface Option {
  name: string;
  type: number;
  required?: boolean;
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
  options?: Option[];
}

describe('sitrep discord register', () => {
  it('PUTs the /sitrep command with every subcommand, typed options and topic choices', async () => {
    fake = await startFakeDiscord();
    vi.stubEnv('DISCORD_TOKEN', 'reg-token');
    vi.stubEnv('DISCORD_APP_ID', 'app-77');
    vi.stubEnv('DISCORD_API_URL', fake.api);
    const { code, out } = await cli(['discord', 'register']);
    expect(code).toBe(0);
    expect(out).toMatch(/Registered \/sitrep globally: 15 subcommands, 5 topics/);
    const [put] = fake.find('PUT', /^\/applications\/app-77\/commands$/);
    expect(put?.headers.authorization).toBe('Bot reg-token');
    const [command, ...others] = put?.body as { name: string; type: number; options: Option[] }[];
    expect(others).toEqual([]);
    expect(command?.name).toBe('sitrep');
    expect(command?.type).toBe(1);
    const subs = new Map(command?.options.map((o) => [o.name, o]));
    expect([...subs.keys()].sort()).toEqual(SUBCOMMANDS.map((s) => s.name).sort());
    expect(subs.get('feeds')?.type).toBe(2); // a group: list / add / remove
    expect(subs.get('feeds')?.options?.map((o) => o.name)).toEqual(['list', 'add', 'remove']);
    const route = subs.get('route')?.options ?? [];
    const topic = route.find((o) => o.name === 'topic');
    expect(topic?.choices?.map((c) => c.value).sort()).toEqual([
      'casualties',
      'counter-isis',
      'militia-attacks',
      'presence-politics',
      'us-strikes',
    ]);
    const recent = subs.get('recent')?.options ?? [];
    expect(recent.find((o) => o.name === 'count')?.type).toBe(4); // integer
    const incident = subs.get('incident')?.options?.[0];
    expect(incident).toMatchObject({ name: 'id', type: 3, required: true, autocomplete: true });
    const subscribe = subs.get('subscribe')?.options ?? [];
    expect(subscribe.filter((o) => o.autocomplete).map((o) => o.name)).toEqual(['place', 'actor']);
    expect(subscribe.find((o) => o.name === 'here')?.type).toBe(5); // boolean
  });

  it('registers in one guild with --guild, and explains itself with --help', async () => {
    fake = await startFakeDiscord();
    vi.stubEnv('DISCORD_TOKEN', 'reg-token');
    vi.stubEnv('DISCORD_APP_ID', 'app-77');
    vi.stubEnv('DISCORD_API_URL', fake.api);
    const { code, out } = await cli(['discord', 'register', '--guild', 'G42']);
    expect(code).toBe(0);
    expect(out).toMatch(/in server G42/);
    expect(fake.find('PUT', /^\/applications\/app-77\/guilds\/G42\/commands$/)).toHaveLength(1);
    const help = await cli(['discord', '--help']);
    expect(help.out).toMatch(/usage: sitrep discord register \[--guild ID\]/);
  });

  it('prints the registration JSON with --print, without a token or a request', async () => {
    vi.stubEnv('DISCORD_TOKEN', '');
    vi.stubEnv('DISCORD_APP_ID', '');
    const { code, out } = await cli(['discord', 'register', '--print']);
    expect(code).toBe(0);
    const [command] = JSON.parse(out) as { name: string; options: unknown[] }[];
    expect(command?.name).toBe('sitrep');
    expect(command?.options).toHaveLength(SUBCOMMANDS.length);
  });

  it('says what is missing without a token', async () => {
    vi.stubEnv('DISCORD_TOKEN', '');
    vi.stubEnv('DISCORD_APP_ID', '');
    const { code, err } = await cli(['discord', 'register']);
    expect(code).toBe(1);
    expect(err).toMatch(/DISCORD_TOKEN and DISCORD_APP_ID/);
  });
});
