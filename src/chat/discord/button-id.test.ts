import { describe, expect, it } from 'vitest';
import { alertButtonId, ButtonCommands, decodeButtonId } from './button-id.js';

describe('button custom ids', () => {
  it('encodes alert buttons as action + incident id and decodes them', () => {
    const id = alertButtonId('mute-topic', 'inc_abcd2345');
    expect(id).toBe('sr:a:m:inc_abcd2345');
    expect(decodeButtonId(id)).toEqual({
      kind: 'alert',
      action: 'mute-topic',
      incidentId: 'inc_abcd2345',
    });
    expect(decodeButtonId(alertButtonId('subscribe-similar', 'x'))).toMatchObject({
      action: 'subscribe-similar',
    });
    expect(decodeButtonId(alertButtonId('details', 'x'))).toMatchObject({ action: 'details' });
  });

  it('carries a short command, hashes a long one within 100 characters', () => {
    const ids = new ButtonCommands();
    const short = ids.idFor('mute militia-attacks for 8h');
    expect(decodeButtonId(short)).toEqual({
      kind: 'command',
      command: 'mute militia-attacks for 8h',
    });
    const long = `subscribe actor:"${'Very Long Militia Name '.repeat(8)}" place:"Somewhere"`;
    const id = ids.idFor(long);
    expect(id.length).toBeLessThanOrEqual(100);
    const decoded = decodeButtonId(id);
    expect(decoded?.kind).toBe('hashed');
    expect(decoded?.kind === 'hashed' ? ids.commandFor(decoded.hash) : undefined).toBe(long);
    expect(
      new ButtonCommands().commandFor(decoded?.kind === 'hashed' ? decoded.hash : ''),
    ).toBeUndefined();
  });

  it('forgets the oldest long commands beyond its capacity', () => {
    const ids = new ButtonCommands(2);
    const cmds = [1, 2, 3].map((n) => `search ${String(n).repeat(120)}`);
    const hashes = cmds.map((c) => ids.idFor(c).slice('sr:h:'.length));
    expect(hashes.map((h) => ids.commandFor(h))).toEqual([undefined, cmds[1], cmds[2]]);
  });

  it('rejects ids that are not sitrep buttons', () => {
    expect(decodeButtonId('other:thing')).toBeUndefined();
    expect(decodeButtonId('sr:a:x:inc_1')).toBeUndefined();
    expect(decodeButtonId('sr:c:')).toBeUndefined();
  });
});
