import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../cluster.command.js';

/** Invented labelled reports: four events told by two outlets each, one off-topic item. */
function labelledFile(): string {
  const report = (id: string, key: string, title: string, summary: string, published: string) =>
    JSON.stringify({ id, title, summary, published, label: 'on', topics: ['T3'], event_key: key });
  const rows = [
    report(
      'a1',
      'ev-a',
      'Rockets hit Ain al-Asad air base',
      'Rockets struck Ain al-Asad on Monday.',
      '2023-03-07',
    ),
    report(
      'b1',
      'ev-b',
      'Drone downed near Erbil airport',
      'A drone was shot down near Erbil on Sunday.',
      '2023-05-15',
    ),
    report(
      'a2',
      'ev-a',
      'Ain al-Asad base targeted by rockets',
      'Several rockets landed at Ain al-Asad on Monday.',
      '2023-03-07',
    ),
    report(
      'c1',
      'ev-c',
      'US strike kills militia commander in Baghdad',
      'A US drone killed a commander in Baghdad on Wednesday.',
      '2024-02-08',
    ),
    report(
      'b2',
      'ev-b',
      'Erbil airport drone attack foiled',
      'Air defences shot down a drone near Erbil airport on Sunday.',
      '2023-05-15',
    ),
    report(
      'd1',
      'ev-d',
      'Joint raid in Anbar kills ISIS fighters',
      'US and Iraqi forces raided a cave in Anbar on Thursday.',
      '2024-08-30',
    ),
    report(
      'c2',
      'ev-c',
      'Militia commander killed by US drone in Baghdad',
      'A US strike in Baghdad killed a militia commander on Wednesday.',
      '2024-02-08',
    ),
    report(
      'd2',
      'ev-d',
      'ISIS fighters killed in Anbar raid',
      'A joint raid in the Anbar desert on Thursday killed ISIS fighters.',
      '2024-08-30',
    ),
    JSON.stringify({ id: 'z', title: 'Bakery prize', summary: 'Bread.', label: 'off', topics: [] }),
  ];
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'sitrep-tune-')), 'labelled.jsonl');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

describe('sitrep cluster tune', () => {
  it('cross-validates by event and prints a weights block for the config', async () => {
    let out = '';
    const stdout = new PassThrough();
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    const io = { stdin: new PassThrough(), stdout, stderr: new PassThrough() };
    const code = await run(
      ['tune', '--input', labelledFile(), '--folds', '2', '--repeats', '1'],
      io,
    );
    expect(code).toBe(0);
    expect(out).toMatch(/8 on-topic reports, 4 events/);
    expect(out).toMatch(/configured \(config files\)\s+P \d\.\d{3} ± \d\.\d{3}/);
    expect(out).toMatch(/refitted on training folds\s+P \d\.\d{3} ± \d\.\d{3}/);
    expect(out).toMatch(/joinProbability: 0\.\d+\n\s+weights:\n\s+bias: -?\d/);
  });
});
