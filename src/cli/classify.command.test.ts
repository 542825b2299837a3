import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { run } from './classify.command.js';

function fakeIo(
  input: string,
  stderrTty = false,
): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: stderrTty });
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
  stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
  return {
    io: { stdin: Readable.from([input]), stdout, stderr },
    out: () => chunks.out,
    err: () => chunks.err,
  };
}

const line = (o: unknown): string => JSON.stringify(o);

describe('sitrep classify', () => {
  it('writes one JSON line per item, in order, with the contract fields', async () => {
    const input = [
      line({
        id: 'a',
        title: 'Drone attack targets US forces at Ain al-Asad',
        summary: 'Base defenses shot down two drones.',
      }),
      line({
        id: 'b',
        title: 'Iraq wins football friendly in Basra',
        summary: 'The national team scored twice.',
      }),
      line({ id: 3, title: 'US jets strike Kataib Hezbollah sites in Iraq', summary: '' }),
    ].join('\n');
    const { io, out, err } = fakeIo(`${input}\n`);
    expect(await run([], io)).toBe(0);
    const rows = out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r['id'])).toEqual(['a', 'b', 3]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'match', 'score', 'topics', 'why']);
    expect(rows.map((r) => r['match'])).toEqual([true, false, true]);
    expect(rows[0]?.['topics']).toContain('militia-attacks');
    expect(rows[2]?.['topics']).toContain('us-strikes');
    expect(typeof rows[1]?.['score']).toBe('number');
    expect(err()).toBe('');
  });

  it('reports a bad line on stderr with its number and still processes the others', async () => {
    const input = [
      line({ id: 'ok1', title: 'Rockets hit near US embassy in Baghdad', summary: '' }),
      '{"id": "broken", "title": ',
      line({ id: 'no-title', summary: 'missing title' }),
      '',
      line({ id: 'ok2', title: 'Tesla deliveries fall', summary: '' }),
    ].join('\n');
    const { io, out, err } = fakeIo(input);
    expect(await run([], io)).toBe(1);
    const rows = out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => r['id'])).toEqual(['ok1', null, 'no-title', 'ok2']);
    expect(rows[1]).toMatchObject({ match: false, topics: [] });
    expect(rows[1]?.['error']).toMatch(/JSON/);
    expect(err()).toMatch(/line 2: not valid JSON/);
    expect(err()).toMatch(/line 3: title/);
    expect(rows[3]?.['match']).toBe(false);
  });

  it('shows progress only when stderr is a terminal', async () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      line({ id: i, title: 'Market update', summary: '' }),
    ).join('\n');
    const tty = fakeIo(many, true);
    await run([], tty.io);
    expect(tty.err()).toMatch(/classified 500 items/);
    const pipe = fakeIo(many, false);
    await run([], pipe.io);
    expect(pipe.err()).toBe('');
  });
});
