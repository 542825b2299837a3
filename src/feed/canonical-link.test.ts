import { describe, expect, it } from 'vitest';
import { canonicalLink } from './canonical-link.js';

describe('canonicalLink', () => {
  it('removes tracking parameters and the fragment, keeps the others as written', () => {
    expect(
      canonicalLink(
        'https://news.example/a?id=5&utm_source=rss&UTM_Medium=x&fbclid=abc&gclid=1&mc_cid=2&mc_eid=3&igshid=4&ref_src=twsrc&cmpid=5&ocid=6#top',
      ),
    ).toBe('https://news.example/a?id=5');
    expect(canonicalLink('https://news.example/a?utm_campaign=z')).toBe('https://news.example/a');
  });

  it('lowercases scheme and host but not the path', () => {
    expect(canonicalLink('HTTPS://News.Example:443/Story/ABC')).toBe(
      'https://news.example/Story/ABC',
    );
  });

  it('resolves relative links against the feed link', () => {
    expect(canonicalLink('../b?x=1', 'https://news.example/feeds/rss')).toBe(
      'https://news.example/b?x=1',
    );
    expect(canonicalLink('/c', 'not a url')).toBe('');
  });

  it('gives "" for missing, unparseable and non-http links', () => {
    expect(canonicalLink(undefined)).toBe('');
    expect(canonicalLink('  ')).toBe('');
    expect(canonicalLink('javascript:alert(1)')).toBe('');
    expect(canonicalLink('mailto:desk@news.example')).toBe('');
  });
});
