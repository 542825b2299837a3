import { describe, expect, it } from 'vitest';
import { canonicalLink, reportUrlKey } from './canonical-url.js';

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

  it('never takes the fragment of the base, and reads each base anew when it changes', () => {
    expect(canonicalLink('a', 'https://x.example/dir/y#f')).toBe('https://x.example/dir/a');
    expect(canonicalLink('a#', 'https://x.example/dir/y')).toBe('https://x.example/dir/a');
    // bases A, B, A, an unparseable one, then A: the last base read is remembered, never another
    expect(canonicalLink('p', 'https://a.example/1/')).toBe('https://a.example/1/p');
    expect(canonicalLink('p', 'https://b.example/2/')).toBe('https://b.example/2/p');
    expect(canonicalLink('p', 'https://a.example/1/')).toBe('https://a.example/1/p');
    expect(canonicalLink('p', 'not a url')).toBe('');
    expect(canonicalLink('https://c.example/q', 'not a url')).toBe('https://c.example/q');
    expect(canonicalLink('p', 'https://a.example/1/')).toBe('https://a.example/1/p');
  });

  it('gives "" for missing, unparseable and non-http links', () => {
    expect(canonicalLink(undefined)).toBe('');
    expect(canonicalLink('  ')).toBe('');
    expect(canonicalLink('javascript:alert(1)')).toBe('');
    expect(canonicalLink('mailto:desk@news.example')).toBe('');
  });
});

describe('reportUrlKey', () => {
  it('gives the same key to the same article behind www, AMP, slashes and tracking', () => {
    const key = reportUrlKey('https://news.example/story/1?id=7&page=2');
    for (const variant of [
      'http://www.news.example/story/1/?page=2&id=7#top',
      'https://amp.news.example/amp/story/1?id=7&page=2&utm_source=x&fbclid=y',
      'https://m.news.example/story/1?page=2&id=7&ref=home&mc_cid=abc&guccounter=1',
    ])
      expect(reportUrlKey(variant)).toBe(key);
    expect(key).toBe('news.example/story/1?id=7&page=2');
  });

  it('keeps what changes the page, and the same tracking list as canonicalLink', () => {
    expect(reportUrlKey('https://news.example/story/1?id=8')).not.toBe(
      reportUrlKey('https://news.example/story/1?id=7'),
    );
    // A parameter canonicalLink drops is never part of a report's key either.
    const link = 'https://news.example/a?xtor=RSS-1&at_medium=feed&smid=tw&q=1';
    expect(canonicalLink(link)).toBe('https://news.example/a?q=1');
    expect(reportUrlKey(link)).toBe('news.example/a?q=1');
  });
});
