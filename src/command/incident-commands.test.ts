import { describe, expect, it } from 'vitest';
import { makeIncident } from '../../test/support/make-incident.js';
import { memoryCommandDeps } from '../../test/support/memory-stores.js';
import { incidentCommand } from './incident-commands.js';
import type { CommandRequest } from './command-types.js';

const req: CommandRequest = {
  text: 'incident inc-1',
  platform: 'test',
  user: { id: 'U1', isAdmin: false },
  channel: { id: 'C1', isDirect: false },
  workspaceId: 'W1',
  now: new Date('2026-03-01T12:00:00Z'),
};

const long = `Four US service members were wounded when rockets struck Ain al-Asad air base. ${'The attack was described at length by officials. '.repeat(10)}`;

describe('/sitrep incident', () => {
  it('lists every source with its first paragraph and its link, copies once', async () => {
    const incident = makeIncident({
      sources: [
        { itemId: 'a', outlet: 'Wire', title: 'Rockets hit base', url: 'https://wire.example/1' },
        {
          itemId: 'b',
          outlet: 'Daily',
          title: 'Base attacked',
          url: 'https://daily.example/2',
          lead: [long],
        },
        { itemId: 'a-article', outlet: 'Wire', duplicateOf: 'a', url: 'https://wire.example/1' },
      ],
    });
    const reply = await incidentCommand('inc-1', req, memoryCommandDeps([incident]));
    expect(reply.items).toHaveLength(2);
    expect(reply.items?.[0]).toEqual({
      text: 'Wire: Rockets hit base',
      url: 'https://wire.example/1',
    });
    const second = reply.items?.[1];
    expect(second?.url).toBe('https://daily.example/2');
    expect(second?.text).toBe('Daily: Base attacked');
    expect(second?.detail).toMatch(/^Four US service members were wounded/);
    expect(second?.detail?.length).toBeLessThanOrEqual(280);
    expect(second?.detail).toMatch(/…$/);
    expect(reply.items?.[0]?.detail).toBeUndefined();
  });

  it('counts the sources beyond six instead of listing them', async () => {
    const sources = Array.from({ length: 9 }, (_, i) => ({ itemId: `s${i}`, outlet: `O${i}` }));
    const reply = await incidentCommand(
      'inc-1',
      req,
      memoryCommandDeps([makeIncident({ sources })]),
    );
    expect(reply.items?.map((i) => i.text).at(-1)).toBe('…and 3 more sources');
    expect(reply.items).toHaveLength(7);
  });
});
