/** Incident ids: "inc_" + 8 base32 characters of a hash of the first report's item id. */
import { createHash } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function incidentId(firstItemId: string): string {
  const bytes = createHash('sha256').update(firstItemId).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 8) {
      out += ALPHABET[(value >>> (bits - 5)) & 31] ?? 'a';
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= 8) break;
  }
  return `inc_${out}`;
}
