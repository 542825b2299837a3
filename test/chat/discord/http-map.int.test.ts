/**
 * `/sitrep map` through the HTTP interactions endpoint: a file cannot ride in the JSON answer
 * to Discord's POST, so the endpoint defers (type 5) and attaches the PNG by editing the
 * original response (multipart PATCH at the fake Discord).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createMapRenderer } from '../../../src/map/map-renderer.js';
import { opt, slash, startHarness, type Harness } from '../../support/discord-harness.js';
import { makeIncident } from '../../support/make-incident.js';
import { testGazetteer } from '../../support/test-gazetteer.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('/sitrep map over HTTP interactions', () => {
  it('defers, then PATCHes @original with the PNG attached', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString(
      'hex',
    );
    const now = new Date().toISOString();
    h = await startHarness({
      incidents: [makeIncident({ id: 'inc-1', firstSeen: now, updatedAt: now })],
      discord: { publicKey: hex, interactionsPort: 0, interactionsHost: '127.0.0.1' },
    });
    Object.assign(h.deps, { maps: createMapRenderer({ gazetteer: testGazetteer() }) });
    const raw = JSON.stringify(slash('map', [opt('period', '7d')]));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`http://127.0.0.1:${h.frontEnd.interactionsPort}/interactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-signature-ed25519': sign(null, Buffer.from(timestamp + raw), privateKey).toString('hex'),
        'x-signature-timestamp': timestamp,
      },
      body: raw,
    });
    expect(((await res.json()) as { type: number }).type).toBe(5);
    const [edit] = await h.fake.waitFor('PATCH', /\/messages\/@original$/);
    expect(edit?.headers['content-type']).toMatch(/^multipart\/form-data/);
    const body = edit?.body as { embeds: { image: { url: string } }[]; attachments: unknown[] };
    expect(body.embeds[0]?.image.url).toBe('attachment://map.png');
    expect(body.attachments).toHaveLength(1);
    expect(edit?.files?.[0]?.data.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
