/**
 * Secrets never reach the logs, wherever they hide: besides the field paths pino redacts
 * (logger.ts), every line is scrubbed of the configured secret values and of anything shaped
 * like a Slack or Discord token, an Authorization value or a password in a URL — in an error
 * message, a request dump or a nested `cause` alike.
 */
import type { Config } from '../config/schema.js';

export const REDACTED = '[redacted]';

const TOKEN_SHAPES: readonly RegExp[] = [
  // Slack bot, user, app-level, refresh and config tokens.
  /\bxox[abeoprs]-[A-Za-z0-9-]{6,}/g,
  /\bxapp-[A-Za-z0-9-]{6,}/g,
  // Discord bot tokens: base64 user id . timestamp . HMAC.
  /\b[A-Za-z\d_-]{23,28}\.[A-Za-z\d_-]{6,7}\.[A-Za-z\d_-]{27,}/g,
];
/** "Authorization: Bearer x", authorization":"Bot x", x-slack-signature=v0=… */
const AUTH_VALUE =
  /((?:authorization|x-slack-signature|x-signature-ed25519|api[-_]?key|password|secret)\\?["']?\s*[:=]\s*\\?["']?)(?:(?:Bearer|Bot|Basic|Token)\s+)?[^"'\s\\,;}]+/gi;
const SCHEME_VALUE = /\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const URL_PASSWORD = /(\/\/[^/\s:@"]*:)[^@\s/"]+@/g;

/** The secret values in a config: chat tokens, signing secrets, the Redis password. */
export function secretsOf(config: Readonly<Config>): string[] {
  const values = [
    config.slack.botToken,
    config.slack.appToken,
    config.slack.signingSecret,
    config.discord.token,
    redisPassword(config.redis.url),
  ];
  return values.filter((v): v is string => typeof v === 'string' && v.length >= 6);
}

function redisPassword(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** Returns `line` with every secret value and token-shaped string replaced by [redacted]. */
export function scrubSecrets(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const s of secrets) {
    out = out.replaceAll(s, REDACTED);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s) out = out.replaceAll(escaped, REDACTED);
  }
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  return out
    .replace(AUTH_VALUE, `$1${REDACTED}`)
    .replace(SCHEME_VALUE, `$1 ${REDACTED}`)
    .replace(URL_PASSWORD, `$1${REDACTED}@`);
}
