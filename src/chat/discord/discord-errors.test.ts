import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../chat-error.js';
import { toChatError } from './discord-errors.js';

const api = (code: number, status: number) =>
  new DiscordAPIError(
    { code, message: `error ${code}` },
    code,
    status,
    'POST',
    '/channels/1/messages',
    {},
  );

describe('toChatError', () => {
  it('makes lost access, closed DMs and deleted messages permanent', () => {
    const cases: [number, number, string][] = [
      [50001, 403, 'missing_access'],
      [10003, 404, 'unknown_channel'],
      [50013, 403, 'missing_permissions'],
      [50007, 403, 'cannot_message_user'],
      [10008, 404, 'unknown_message'],
    ];
    for (const [code, status, reason] of cases)
      expect(toChatError(api(code, status))).toMatchObject({
        kind: 'permanent',
        reason,
        retryable: false,
      });
  });

  it('makes rate limits, 5xx, timeouts, network errors and unknown 4xx transient', () => {
    const limited = new RateLimitError({
      timeToReset: 12_000,
      limit: 5,
      method: 'POST',
      hash: 'h',
      url: '/channels/1/messages',
      route: '/channels/:id/messages',
      majorParameter: '1',
      global: false,
      retryAfter: 12_000,
      sublimitTimeout: 0,
      scope: 'user',
    });
    expect(toChatError(limited)).toMatchObject({
      kind: 'transient',
      reason: 'ratelimited',
      retryAfterMs: 12_000,
    });
    expect(toChatError(new HTTPError(503, 'Service Unavailable', 'POST', '/x', {}))).toMatchObject({
      kind: 'transient',
      reason: 'http_503',
    });
    expect(toChatError(api(0, 500))).toMatchObject({ kind: 'transient', reason: 'http_500' });
    expect(toChatError(api(50035, 400))).toMatchObject({
      kind: 'transient',
      reason: 'discord_50035',
    });
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    expect(toChatError(abort)).toMatchObject({ kind: 'transient', reason: 'timeout' });
    expect(toChatError(new TypeError('fetch failed'))).toMatchObject({
      kind: 'transient',
      reason: 'unreachable',
    });
    const same = ChatError.permanent('x');
    expect(toChatError(same)).toBe(same);
  });
});
