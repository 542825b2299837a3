import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { topicModelSchema } from '../match/model/topic-model.js';
import type { CliIo } from './io.js';
import { run } from './topics.command.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Invented labelled items in the eval-set format: three attack events reported twice, one
// strike event, one presence event, and off items (other theatres, sport, sanctions).
const item = (id: string, title: string, on: string | null, event: string | null) =>
  JSON.stringify({
    id,
    title,
    summary: '',
    label: on ? 'on' : 'off',
    topics: on ? [on] : [],
    near_miss: on === null,
    event_key: event,
  });
const lines = [
  item('a1', 'Drone attack targets US troops at Ain al-Asad', 'T3', 'e-asad'),
  item('a2', 'Rockets hit Ain al-Asad base hosting US forces', 'T3', 'e-asad'),
  item('b1', 'Drone attack on Harir base wounds two US soldiers', 'T1', 'e-harir'),
  item('b2', 'Two American troops injured in drone attack on Harir', 'T1', 'e-harir'),
  item('c1', 'US jets strike Kataib Hezbollah depots near al-Qaim', 'T4', 'e-qaim'),
  item('c2', 'American airstrikes hit Kataib Hezbollah sites in Iraq', 'T4', 'e-qaim'),
  item('d1', 'Iraq parliament votes to expel US troops', 'T5', 'e-vote'),
  item('d2', 'Iraqi lawmakers demand withdrawal of US forces', 'T5', 'e-vote'),
  item('o1', 'Houthis fire drones at ships in the Red Sea', null, null),
  item('o2', 'Iraq beats Jordan in football friendly', null, null),
  item('o3', 'US Treasury sanctions Iraqi bank', null, null),
  item('o4', 'US troops arrive in Poland for NATO drills', null, null),
  item('o5', 'Hezbollah and Israel trade fire in Lebanon', null, null),
  item('o6', 'Oil exports from Basra rise', null, null),
];
const input = path.join(dir, 'labelled.jsonl');
writeFileSync(input, `${lines.join('\n')}\n`);

function fakeIo(): { io: CliIo; out: () => string } {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  return { io: { stdin: Readable.from([]), stdout, stderr: new PassThrough() }, out: () => out };
}

describe('sitrep topics train', () => {
  it('cross-validates by event, reports before and after, and writes a loadable model', async () => {
    const out = path.join(dir, 'model.json');
    const { io, out: text } = fakeIo();
    const args = ['train', '--input', input, '--out', out, '--folds', '2', '--repeats', '1'];
    expect(await run([...args, '--l2', '0.001', '--word-penalty', '1', '--holdout', '0'], io)).toBe(
      0,
    );
    const printed = text();
    expect(printed).toMatch(/cross-validation: 2 folds split by event × 1 shuffles over 14 items/);
    expect(printed).toMatch(
      /\| hand rules \(before\) \| on\/off recall \| \d\.\d{3} ± \d\.\d{3} \|/,
    );
    expect(printed).toMatch(/\| learned \(after\) \| on\/off F1 \| \d\.\d{3} ± \d\.\d{3} \|/);
    expect(printed).toMatch(/operating curve/);
    const model = topicModelSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(Object.keys(model.heads).sort()).toEqual(
      [
        'casualties',
        'counter-isis',
        'militia-attacks',
        'on',
        'presence-politics',
        'us-strikes',
      ].sort(),
    );
    expect(model.trainedWith['items']).toBe(14);

    // reproducible: the same command writes the same model
    const again = path.join(dir, 'again.json');
    await run(
      [
        ...args.slice(0, 4),
        again,
        ...args.slice(5),
        '--l2',
        '0.001',
        '--word-penalty',
        '1',
        '--holdout',
        '0',
      ],
      fakeIo().io,
    );
    const a = JSON.parse(readFileSync(out, 'utf8')) as { heads: unknown };
    const b = JSON.parse(readFileSync(again, 'utf8')) as { heads: unknown };
    expect(b.heads).toEqual(a.heads);
  });

  it('refuses to run without input and explains itself with --help', async () => {
    await expect(run(['train'], fakeIo().io)).rejects.toThrow(/--input FILE is required/);
    const { io, out } = fakeIo();
    expect(await run(['train', '--help'], io)).toBe(0);
    expect(out()).toMatch(/split by event/);
  });
});
