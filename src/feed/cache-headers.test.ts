import { describe, expect, it } from 'vitest';
import { maxAgeMs, retryAfterMs } from './cache-headers.js';

const now = new Date('2024-03-05T12:00:00Z');

describe('cache headers', () => {
  it('reads max-age, else Expires against the server date', () => {
    expect(maxAgeMs({ 'cache-control': 'public, max-age=600' }, now)).toBe(600_000);
    expect(maxAgeMs({ 'cache-control': 'no-cache' }, now)).toBe(0);
    expect(
      maxAgeMs(
        { expires: 'Tue, 05 Mar 2024 12:10:00 GMT', date: 'Tue, 05 Mar 2024 12:05:00 GMT' },
        now,
      ),
    ).toBe(300_000);
    expect(maxAgeMs({ expires: '0' }, now)).toBe(0);
    expect(maxAgeMs({}, now)).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': 'Tue, 05 Mar 2024 12:01:30 GMT' }, now)).toBe(90_000);
    expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
  });
});
