import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../test/support/make-incident.js';
import { createConsoleSink } from './console-sink.js';

describe('console sink', () => {
  it('lists every source of an update with its link, copies left out', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    const incident = makeIncident({
      version: 2,
      sources: [
        { itemId: 'a', outlet: 'Wire', title: 'Rockets hit base', url: 'https://wire.example/1' },
        { itemId: 'b', outlet: 'Daily', title: 'Base attacked', url: 'https://daily.example/2' },
        { itemId: 'c', outlet: 'Echo', url: 'https://echo.example/3', duplicateOf: 'a' },
      ],
    });
    await createConsoleSink(out, false).deliver({ kind: 'update', incident, changes: ['x'] });
    const text = chunks.join('');
    expect(text).toContain('sources (2 outlets):');
    expect(text).toContain('• Wire: Rockets hit base https://wire.example/1');
    expect(text).toContain('• Daily: Base attacked https://daily.example/2');
    expect(text).not.toContain('echo.example');
  });
});
