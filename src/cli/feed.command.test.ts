import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './io.js';
import { run } from './feed.command.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../test/fixtures/feeds/${name}`, import.meta.url));

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr };
  const code = await run(args, io);
  return { code, stdout: out, stderr: err };
}

describe('sitrep feed parse', () => {
  it('prints the feed and its normalised items as JSON', async () => {
    const { code, stdout, stderr } = await cli('parse', fixture('rss2.xml'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const report = JSON.parse(stdout) as { feed: unknown; items: Array<Record<string, unknown>> };
    expect(report.feed).toEqual({
      title: 'Desert Wire & Dispatch',
      link: 'https://desertwire.example/',
      description: 'Invented wire stories for tests',
    });
    expect(report.items[0]).toMatchObject({
      title: 'Rocket attack reported near Erbil air base',
      link: 'https://desertwire.example/2024/03/rocket-attack?id=7',
      summary: 'Two rockets struck an open field.\nNo injuries were reported.',
      published: '2024-03-05T11:30:00.000Z',
      author: 'Staff writer',
    });
    expect(report.items[0]?.['id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('prints one clear line and exits 1 for what is not a readable feed', async () => {
    const cases: Array<[string, string]> = [
      [fixture('html-page.html'), 'not a feed: got an HTML page'],
      [fixture('broken.xml'), 'parse error at line 7: '],
      [fixture('no-such-file.xml'), 'cannot read file: no such file'],
    ];
    for (const [file, message] of cases) {
      const { code, stdout, stderr } = await cli('parse', file);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toContain(`sitrep feed parse: ${file}: ${message}`);
    }
  });

  it('prints a JSON line per file with --jsonl', async () => {
    const { code, stdout } = await cli(
      'parse',
      '--jsonl',
      fixture('rdf.xml'),
      fixture('html-page.html'),
    );
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { ok: boolean; error?: string });
    expect(lines.map((l) => l.ok)).toEqual([true, false]);
    expect(lines[1]?.error).toBe('not a feed: got an HTML page');
  });
});
