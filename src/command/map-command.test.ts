import { describe, expect, it } from 'vitest';
import { casualty, makeIncident } from '../../test/support/make-incident.js';
import { memoryCommandDeps } from '../../test/support/memory-stores.js';
import type { CommandDeps } from './command-deps.js';
import type { CommandRequest } from './command-types.js';
import type { MapPortRequest } from './map-port.js';
import { runCommand } from './run-command.js';

const now = new Date('2026-03-08T12:00:00Z');
const seen = (d: string) => ({ firstSeen: `${d}T08:00:00Z`, updatedAt: `${d}T08:00:00Z` });
const incidents = [
  makeIncident({
    id: 'a',
    topics: ['casualties'],
    casualties: [casualty('us', 1, 0)],
    ...seen('2026-03-07'),
  }),
  makeIncident({ id: 'b', topics: ['militia-attacks'], ...seen('2026-03-03') }),
  makeIncident({ id: 'c', topics: ['casualties'], ...seen('2026-02-20') }),
];

function setup(render?: (req: MapPortRequest) => Promise<{ png: Uint8Array; drawn: number }>) {
  const asked: MapPortRequest[] = [];
  const deps: CommandDeps = {
    ...memoryCommandDeps(incidents),
    maps: {
      render: async (req) => {
        asked.push(req);
        return render
          ? render(req)
          : { png: new Uint8Array([1, 2, 3]), drawn: req.incidents.length };
      },
    },
  };
  const run = (text: string, channel = { id: 'C1', isDirect: false }) => {
    const req: CommandRequest = {
      text,
      platform: 'slack',
      user: { id: 'U1', isAdmin: false },
      channel,
      workspaceId: 'T1',
      now,
    };
    return runCommand(req, deps);
  };
  return { run, asked };
}

describe('/sitrep map', () => {
  it('defaults to the last 7 days and posts the picture to the channel', async () => {
    const { run, asked } = setup();
    const reply = await run('map');
    expect(asked[0]?.incidents.map((i) => i.id)).toEqual(['a', 'b']);
    expect(asked[0]?.from.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(asked[0]?.title).toBe('Incidents, last 7 days');
    expect(reply.image).toMatchObject({ target: 'channel', filename: 'sitrep-map-168h.png' });
    expect(reply.text).toBe('2 incidents in the last 7 days; 2 on the map.');
  });

  it('reads a period and a query; --dm and a DM send it to the caller', async () => {
    const { run, asked } = setup();
    const reply = await run('map 30d topic:casualties --dm');
    expect(asked[0]?.incidents.map((i) => i.id)).toEqual(['a', 'c']);
    expect(asked[0]?.subtitle).toContain('topic:casualties');
    expect(reply.image?.target).toBe('dm');
    expect((await run('map 24h', { id: 'D1', isDirect: true })).image?.target).toBe('dm');
  });

  it('says when there is nothing, and still draws the picture', async () => {
    const { run, asked } = setup();
    const reply = await run('map 24h topic:militia-attacks');
    expect(asked[0]?.incidents).toEqual([]);
    expect(reply.text).toBe('No incidents matching topic:militia-attacks in the last 24 hours.');
    expect(reply.image).toBeDefined();
  });

  it('refuses more than 30 days and a bad query, without drawing', async () => {
    const { run, asked } = setup();
    expect((await run('map 60d')).error?.code).toBe('usage');
    expect((await run('map 7d (drone')).error?.code).toBe('bad_query');
    expect(asked).toHaveLength(0);
  });

  it('answers a rendering failure with a clear message instead of throwing', async () => {
    const { run } = setup(async () => {
      throw new Error('resvg exploded');
    });
    const reply = await run('map 7d');
    expect(reply.error?.code).toBe('internal');
    expect(reply.text).toMatch(/the map could not be drawn.*\/sitrep recent since 7d/);
    expect(reply.image).toBeUndefined();
  });
});
