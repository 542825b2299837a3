import { z } from 'zod';
import { parseDuration } from '../domain/duration.js';

/**
 * A zod type for durations written as "5m" / "24h" / a bare number of seconds (parsed by
 * domain/duration.ts); the parsed value is milliseconds.
 */
export const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value, { bare: 's' });
  if (ms === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `not a duration: ${JSON.stringify(value)} (write e.g. "90s", "5m", "4h", "7d")`,
    });
    return z.NEVER;
  }
  return ms;
});
