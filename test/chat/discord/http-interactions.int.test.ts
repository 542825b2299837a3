/**
 * The optional HTTP interactions endpoint: Ed25519-signed requests as Discord sends them to the
 * real front end; PING, commands (type 4, or type 5 then a PATCH of @original at the fake
 * Discord), buttons, autocomplete; forged, missing and stale-key signatures get 401.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { alertButtonId } from '../../../src/chat/discord/button-id.js';
import {
  autocomplete,
  click,
  opt,
  slash,
  startHarness,
  type Harness,
} from '../../support/discord-harness.js';
import { makeIncident } from '../../support/make-incident.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function keyPair(): { hex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x ?? '';
  return { hex: Buffer.from(x, 'base64url').toString('hex'), privateKey };
}

const now = new Date().toISOString();
const drone = makeIncident({
  id: 'inc_eeee6666',
  headline: 'Drone downed near Erbil airport',
  topics: ['militia-attacks'],
  firstSeen: now,
  updatedAt: now,
});

async function start(deferAfterMs?: number) {
  const key = keyPair();
  h = await startHarness({
    incidents: [drone],
    ...(deferAfterMs !== undefined ? { deferAfterMs } : {}),
    discord: { publicKey: key.hex, interactionsPort: 0, interactionsHost: '127.0.0.1' },
  });
  const url = `http://127.0.0.1:${h.frontEnd.interactionsPort}/interactions`;
  const post = async (
    payload: unknown,
    signWith: KeyObject | null = key.privateKey,
    headers: Record<string, string> = {},
    timestamp = String(Math.floor(Date.now() / 1000)),
  ) => {
    const raw = JSON.stringify(payload);
    const signature = signWith
      ? sign(null, Buffer.from(timestamp + raw), signWith).toString('hex')
      : '';
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signWith
          ? { 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp }
          : {}),
        ...headers,
      },
      body: raw,
    });
    return {
      status: res.status,
      json: (await res.json()) as { type?: number; data?: Record<string, unknown> },
    };
  };
  return { post, key };
}

describe('the Discord HTTP interactions endpoint', () => {
  it('answers PING with PONG when signed, and 401 to a missing or forged signature', async () => {
    const { post } = await start();
    expect(await post({ type: 1 })).toEqual({ status: 200, json: { type: 1 } });
    expect((await post({ type: 1 }, null)).status).toBe(401);
    expect((await post({ type: 1 }, keyPair().privateKey)).status).toBe(401);
    const tampered = await post({ type: 1 }, undefined, { 'x-signature-timestamp': '1' });
    expect(tampered.status).toBe(401); // the signature covers the timestamp too
  });

  it('refuses a correctly signed but old request, and a replay of one already answered', async () => {
    const { post, key } = await start();
    const old = String(Math.floor(Date.now() / 1000) - 600);
    const stale = await post(slash('recent', []), key.privateKey, {}, old);
    expect(stale.status).toBe(401);
    const once = slash('recent', []);
    expect((await post(once)).status).toBe(200);
    expect((await post(once)).status).toBe(401);
    expect(h?.ran).toEqual(['recent']);
  });

  it('answers a signed command with type 4 and no mentions, and runs nothing for a forged one', async () => {
    const { post } = await start();
    const forged = await post(slash('recent', []), keyPair().privateKey);
    expect(forged.status).toBe(401);
    expect(h?.ran).toEqual([]);
    const ok = await post(slash('recent', [opt('count', 3)]));
    expect(h?.ran).toEqual(['recent 3']);
    expect(ok.json.type).toBe(4);
    expect(ok.json.data).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect(JSON.stringify(ok.json.data)).toContain('Drone downed near Erbil airport');
  });

  it('defers slow work (type 5) and then PATCHes @original through the webhook', async () => {
    const { post } = await start(0);
    const payload = slash('incident', [opt('id', drone.id)]);
    const res = await post(payload);
    expect(res.json).toEqual({ type: 5, data: { flags: 64, allowed_mentions: { parse: [] } } });
    const [edit] =
      (await h?.fake.waitFor(
        'PATCH',
        new RegExp(`^/webhooks/app-1/${payload.token}/messages/@original$`),
      )) ?? [];
    expect(edit?.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(JSON.stringify(edit?.body)).toContain('Drone downed near Erbil airport');
    expect(edit?.headers.authorization).toBeUndefined(); // webhook calls carry the token in the path
  });

  it('runs button clicks and answers autocomplete', async () => {
    const { post } = await start();
    const b = await post(click(alertButtonId('details', drone.id), { user: 'U3' }));
    expect(h?.ran.at(-1)).toBe(`incident ${drone.id}`);
    expect(b.json).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    const a = await post(autocomplete('why', [opt('id', 'erbil', true)]));
    expect(a.json).toEqual({
      type: 8,
      data: { choices: [{ name: `${drone.id} — ${drone.headline}`, value: drone.id }] },
    });
  });
});
