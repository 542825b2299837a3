import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { publicKeyFromHex, verifySignature } from './http-interactions.js';

describe('Ed25519 request verification', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url').toString('hex');
  const key = publicKeyFromHex(hex);
  const body = Buffer.from('{"type":1}');
  const ts = '1767225600';
  const good = sign(null, Buffer.concat([Buffer.from(ts), body]), privateKey).toString('hex');

  it('accepts the signature over timestamp + body', () => {
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(verifySignature(key, ts, good, body)).toBe(true);
  });

  it('rejects a changed body, a changed timestamp, a missing or malformed signature', () => {
    expect(verifySignature(key, ts, good, Buffer.from('{"type":2}'))).toBe(false);
    expect(verifySignature(key, '1767225601', good, body)).toBe(false);
    expect(verifySignature(key, ts, undefined, body)).toBe(false);
    expect(verifySignature(key, undefined, good, body)).toBe(false);
    expect(verifySignature(key, ts, 'zz', body)).toBe(false);
    expect(verifySignature(key, ts, '0'.repeat(128), body)).toBe(false);
  });
});
