import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { casualty, reportedBy } from '../../../test/support/make-incident.js';
import { buildAlertMessage } from '../../alert/alert-message.js';
import { createConsolePlatform } from './console-platform.js';
import { CONSOLE_DESTINATION as here } from './console-front-end.js';

function capture(fail = false) {
  const text: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (fail) return done(new Error('EPIPE'));
      text.push(chunk.toString('utf8'));
      done();
    },
  });
  out.on('error', () => undefined); // the CLI handles a closed stdout; here the write's callback
  return { out, text: () => text.join('') };
}

const v = (n: number) => ({
  ...reportedBy(n, { id: 'inc-c', headline: 'Drone attack on Ain al-Asad' }),
  why: 'matched militia-attacks: "drone", "Ain al-Asad"',
});

describe('the console platform', () => {
  it('prints a new alert as a readable block, then each update with what changed', async () => {
    const c = capture();
    const console = createConsolePlatform(c.out, { json: false });
    const ref = await console.post(here, buildAlertMessage(v(1)), 'alert:inc-c');
    await console.edit(here, ref, buildAlertMessage(v(3), { previousVersion: 1 }));
    await console.reply(here, ref, 'new source: Outlet 2\nnew source: Outlet 3', 'reply:inc-c');
    expect(c.text()).toMatch(/^🚨 NEW INCIDENT inc-c: Drone attack on Ain al-Asad\n/);
    expect(c.text()).toContain('  why: matched militia-attacks');
    expect(c.text()).toContain('  source: Outlet 1 https://news.example/inc-c/1');
    expect(c.text()).toContain('↻ UPDATE (v3) inc-c: Drone attack on Ain al-Asad\n');
    // The update block lists the changes; the thread reply adds nothing on a terminal.
    expect(c.text().match(/changed: new source: Outlet 2/g)).toHaveLength(1);
    expect(c.text()).toContain('  changed: new source: Outlet 3\n');
  });

  it('prints one JSON object a line with --json', async () => {
    const c = capture();
    const console = createConsolePlatform(c.out, { json: true });
    const incident = { ...v(1), facts: { ...v(1).facts, casualties: [casualty('us', 0, 2)] } };
    await console.post(here, buildAlertMessage(incident), 'alert:inc-c');
    const lines = c.text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      kind: 'new',
      incident: 'inc-c',
      version: 1,
      facts: { casualties: 'US: 0 killed, 2 injured' },
      sources: [{ outlet: 'Outlet 1', url: 'https://news.example/inc-c/1' }],
      changes: [],
    });
  });

  it('finds what it printed, and prints an edit of a version it already showed only once', async () => {
    const c = capture();
    const console = createConsolePlatform(c.out, { json: true });
    expect(await console.findPosted?.(here, 'alert:inc-c')).toBeNull();
    const ref = await console.post(here, buildAlertMessage(v(1)), 'alert:inc-c');
    expect(await console.findPosted?.(here, 'alert:inc-c')).toEqual(ref);
    const update = buildAlertMessage(v(2), { previousVersion: 1 });
    await console.edit(here, ref, update);
    await console.edit(here, ref, update); // a retry after Redis failed to record the first
    expect(
      c
        .text()
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(['new', 'update']);
  });

  it('reports a failed write as a transient chat error, so the delivery is retried', async () => {
    const console = createConsolePlatform(capture(true).out, { json: false });
    await expect(console.post(here, buildAlertMessage(v(1)), 'alert:inc-c')).rejects.toMatchObject({
      name: 'ChatError',
      kind: 'transient',
    });
  });
});
