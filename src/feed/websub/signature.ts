import { createHmac, timingSafeEqual } from 'node:crypto';

/** The HMAC methods a hub may use in `X-Hub-Signature: <method>=<hex>` (WebSub §7.1). */
const METHODS = new Set(['sha1', 'sha256', 'sha384', 'sha512']);

/** valid: the body is the hub's; missing / bad: ignore the content (WebSub §7.1). */
export type SignatureCheck = 'valid' | 'missing' | 'bad';

/** The header value a hub sends for `body` signed with `secret`. */
export function signBody(method: string, secret: string, body: Buffer | string): string {
  return `${method}=${createHmac(method, secret).update(body).digest('hex')}`;
}

/**
 * Checks a content distribution request's `X-Hub-Signature` against the subscription's secret:
 * an unknown method, a malformed value or a wrong HMAC are all "bad"; the comparison takes the
 * same time wherever the first wrong byte is.
 */
export function checkSignature(
  header: string | readonly string[] | undefined,
  body: Buffer,
  secret: string,
): SignatureCheck {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') return 'missing';
  const eq = value.indexOf('=');
  const method = value.slice(0, eq).trim().toLowerCase();
  const hex = value.slice(eq + 1).trim();
  if (eq < 1 || !METHODS.has(method) || !/^[0-9a-f]+$/i.test(hex)) return 'bad';
  const expected = createHmac(method, secret).update(body).digest();
  const given = Buffer.from(hex, 'hex');
  if (given.length !== expected.length) return 'bad';
  return timingSafeEqual(given, expected) ? 'valid' : 'bad';
}
