import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { run as runCluster } from './cluster.command.js';
import { run as runExtract } from './extract.command.js';

function io(input: string): { io: CliIo; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  stdin.end(input);
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  const stderr = new PassThrough();
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin, stdout, stderr }, out: () => out, err: () => err };
}

const lines = [
  {
    id: 'x1',
    title: 'Drone attack on US base in Syria wounds three American troops',
    summary:
      'Three US service members were wounded when a drone struck a base in eastern Syria on Monday, US officials said.',
    published: '2023-10-24',
    source: 'Outlet A',
  },
  'not json',
  {
    id: 'x2',
    title: 'Three US troops hurt in drone strike on base in eastern Syria',
    summary:
      'A drone attack on Monday injured three American service members at a US base in eastern Syria, the Pentagon said.',
    published: '2023-10-24',
    source: 'Outlet B',
  },
  {
    id: 'x3',
    title: 'Local bakery wins national bread prize',
    summary: 'The bakery in Ohio won the prize.',
  },
]
  .map((l) => (typeof l === 'string' ? l : JSON.stringify(l)))
  .join('\n');

describe('sitrep cluster / extract', () => {
  it('clusters in order, reports a bad line with its number and keeps going', async () => {
    const t = io(lines);
    const code = await runCluster([], t.io);
    const out = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; incident: string | null });
    expect(code).toBe(1);
    expect(t.err()).toContain('line 2');
    expect(out).toHaveLength(4);
    expect(out[0]?.incident).toMatch(/^inc_/);
    expect(out[2]?.incident).toBe(out[0]?.incident);
    expect(out[3]).toEqual({ id: 'x3', incident: null });
  });

  it('extracts facts in the contract shape', async () => {
    const t = io(lines);
    await runExtract([], t.io);
    const first = JSON.parse(t.out().split('\n')[0] ?? '{}') as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'id',
      'type',
      'sub_type',
      'actors',
      'location',
      'casualties',
      'troops',
      'event_date',
      'summary',
    ]);
    expect(first.casualties).toEqual([
      { side: 'us', killed: { min: null, max: null }, injured: { min: 3, max: 3 } },
    ]);
    expect(first.event_date).toBe('2023-10-23');
  });
});
