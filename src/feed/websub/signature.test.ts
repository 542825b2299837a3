import { describe, expect, it } from 'vitest';
import { checkSignature, signBody } from './signature.js';

const body = Buffer.from('<feed>news</feed>');

describe('checkSignature', () => {
  it('accepts each method the spec names', () => {
    for (const m of ['sha1', 'sha256', 'sha384', 'sha512'])
      expect(checkSignature(signBody(m, 's3cret', body), body, 's3cret')).toBe('valid');
  });

  it('refuses another secret, another body, a cut or malformed value and unknown methods', () => {
    const good = signBody('sha256', 's3cret', body);
    expect(checkSignature(signBody('sha256', 'other', body), body, 's3cret')).toBe('bad');
    expect(checkSignature(good, Buffer.from('<feed>fake</feed>'), 's3cret')).toBe('bad');
    expect(checkSignature(good.slice(0, -2), body, 's3cret')).toBe('bad');
    expect(checkSignature('sha256=zz', body, 's3cret')).toBe('bad');
    expect(checkSignature(good.replace('sha256', 'md5'), body, 's3cret')).toBe('bad');
    expect(checkSignature('=abc', body, 's3cret')).toBe('bad');
  });

  it('says when the header is missing', () => {
    expect(checkSignature(undefined, body, 's')).toBe('missing');
    expect(checkSignature('  ', body, 's')).toBe('missing');
  });
});
