import { describe, expect, it } from 'vitest';
import { closestName, editDistance, unknownKeysMessage } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps', () => {
    expect(editDistance('polling', 'polling')).toBe(0);
    expect(editDistance('pollling', 'polling')).toBe(1);
    expect(editDistance('prefx', 'prefix')).toBe(1);
    expect(editDistance('htpt', 'http')).toBe(1);
    expect(editDistance('port', 'host')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('Redis', 'redis')).toBe(0);
  });
});

describe('closestName', () => {
  const top = ['logLevel', 'redis', 'http', 'fetch', 'polling', 'pipeline', 'feeds'];
  it('names the key a typo was meant to be', () => {
    expect(closestName('pollling', top)).toBe('polling');
    expect(closestName('htttp', top)).toBe('http');
    expect(closestName('feed', top)).toBe('feeds');
    expect(closestName('loglevel', top)).toBe('logLevel');
  });
  it('suggests nothing for a word that is not close to any key', () => {
    expect(closestName('colour', top)).toBeUndefined();
    expect(closestName('x', top)).toBeUndefined();
  });
});

describe('unknownKeysMessage', () => {
  it('gives a hint when there is one and lists the known keys otherwise', () => {
    expect(unknownKeysMessage(['prefx', 'zzz'], ['url', 'prefix'])).toBe(
      'unknown key: did you mean "prefix"?\nunknown key (known keys here: url, prefix)',
    );
  });
});
