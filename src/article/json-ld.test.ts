import { describe, expect, it } from 'vitest';
import { readJsonLd } from './json-ld.js';

describe('readJsonLd', () => {
  it('finds the article in a @graph, past malformed blocks and other types', () => {
    const graph = JSON.stringify({
      '@graph': [
        { '@type': 'WebSite', name: 'x' },
        { '@type': ['NewsArticle'], headline: ' A headline ', datePublished: '2026-11-02' },
      ],
    });
    expect(readJsonLd(['{not json', graph])).toEqual({
      headline: 'A headline',
      datePublished: '2026-11-02T00:00:00.000Z',
    });
  });

  it('ignores an unparseable date and pages without an article', () => {
    expect(readJsonLd([JSON.stringify({ '@type': 'Article', datePublished: 'soon' })])).toEqual({});
    expect(readJsonLd([JSON.stringify({ '@type': 'Organization' })])).toEqual({});
  });
});
