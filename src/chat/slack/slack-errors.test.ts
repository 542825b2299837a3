import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../chat-error.js';
import { toChatError } from './slack-errors.js';

const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('toChatError', () => {
  it('turns a rate limit into a transient error with Retry-After in ms', () => {
    const e = toChatError(new webApi.WebAPIRateLimitedError(7));
    expect(e).toBeInstanceOf(ChatError);
    expect(e).toMatchObject({ kind: 'transient', reason: 'ratelimited', retryAfterMs: 7000 });
  });

  it.each([
    'channel_not_found',
    'not_in_channel',
    'is_archived',
    'account_inactive',
    'cannot_dm_bot',
    'user_disabled',
  ])('treats %s as permanent', (code) => {
    expect(toChatError(platform(code))).toMatchObject({ kind: 'permanent', reason: code });
  });

  it('treats 5xx, timeouts, connection failures and Slack internal errors as transient', () => {
    expect(toChatError(new webApi.WebAPIHTTPError(503, 'Unavailable', {}))).toMatchObject({
      kind: 'transient',
      reason: 'http_503',
    });
    expect(
      toChatError(new webApi.WebAPIRequestError(new Error('timeout of 15000ms exceeded'))),
    ).toMatchObject({ kind: 'transient', reason: 'timeout' });
    expect(
      toChatError(new webApi.WebAPIRequestError(new Error('connect ECONNREFUSED'))),
    ).toMatchObject({ kind: 'transient', reason: 'request_failed' });
    expect(toChatError(platform('internal_error'))).toMatchObject({ kind: 'transient' });
  });

  it('reads Retry-After from a raw 429', () => {
    const e = toChatError(new webApi.WebAPIHTTPError(429, 'Too Many', { 'retry-after': '3' }));
    expect(e).toMatchObject({ kind: 'transient', retryAfterMs: 3000 });
  });

  it('does not disable routes for deployment faults such as a bad token or rejected blocks', () => {
    expect(toChatError(platform('invalid_auth')).kind).toBe('transient');
    expect(toChatError(platform('invalid_blocks')).kind).toBe('transient');
  });

  it('keeps the Slack error as the cause', () => {
    const cause = platform('is_archived');
    expect(toChatError(cause).cause).toBe(cause);
  });
});
