/**
 * `/sitrep map` through the real discord.js client (gateway) and the HTTP interactions endpoint
 * against the fake Discord: the PNG arrives as a multipart attachment shown inside an embed
 * (attachment://map.png), public in the channel, or ephemeral with "private".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMapRenderer } from '../../../src/map/map-renderer.js';
import type { RecordedRequest } from '../../support/fake-discord.js';
import { opt, slash, startHarness, type Harness } from '../../support/discord-harness.js';
import { casualty, makeIncident } from '../../support/make-incident.js';
import { testGazetteer } from '../../support/test-gazetteer.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const now = new Date().toISOString();
const incidents = [
  makeIncident({
    id: 'inc-1',
    firstSeen: now,
    updatedAt: now,
    location: { place: 'Erbil', precision: 'town', id: 'erbil' },
    casualties: [casualty('us', 1, 2)],
  }),
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Sent {
  embeds?: { title?: string; image?: { url?: string } }[];
  attachments?: { id: number; filename: string }[];
  flags?: number;
}

async function mapped(options: Parameters<typeof slash>[1]): Promise<RecordedRequest> {
  h = await startHarness({ incidents, deferAfterMs: 0 });
  Object.assign(h.deps, { maps: createMapRenderer({ gazetteer: testGazetteer() }) });
  const payload = slash('map', options);
  h.fake.dispatch('INTERACTION_CREATE', payload);
  const path = /^\/webhooks\/app-1\/[^/]+\/messages\/@original$/;
  const [edit] = await h.fake.waitFor('PATCH', path);
  if (!edit) throw new Error('no edit');
  return edit;
}

describe('/sitrep map in Discord', () => {
  it('sends the PNG as an attachment inside a public embed', async () => {
    const edit = await mapped([opt('period', '7d')]);
    const [callback] = h?.fake.find('POST', /\/callback$/) ?? [];
    expect((callback?.body as { data?: { flags?: number } }).data?.flags ?? 0).toBe(0);
    expect(edit.headers['content-type']).toMatch(/^multipart\/form-data/);
    const body = edit.body as Sent;
    expect(body.embeds?.[0]?.image?.url).toBe('attachment://map.png');
    expect(body.embeds?.[0]?.title).toContain('Incidents, last 7 days');
    expect(body.attachments).toHaveLength(1);
    const file = edit.files?.[0];
    expect(file?.name).toBe('map.png');
    expect(file?.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(file?.data.length).toBeLessThan(10 * 1024 * 1024);
  });

  it('keeps a private map ephemeral, still with the picture', async () => {
    const edit = await mapped([opt('period', '24h'), opt('private', true)]);
    const [callback] = h?.fake.find('POST', /\/callback$/) ?? [];
    expect((callback?.body as { data?: { flags?: number } }).data?.flags).toBe(64);
    expect(edit.files).toHaveLength(1);
    expect(h?.ran).toEqual(['map 24h --dm']);
  });
});
