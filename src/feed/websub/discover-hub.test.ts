import { describe, expect, it } from 'vitest';
import { discoverHub, linkHeaderLinks } from './discover-hub.js';

const ATOM = `<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Outlet</title>
  <link rel="hub" href="https://hub.example.test/"/>
  <link rel="self" href="https://outlet.example.test/atom.xml"/>
  <link rel="alternate" href="https://outlet.example.test/"/>
  <entry><title>x</title><link rel="hub" href="https://entry-hub.example.test/"/></entry>
</feed>`;

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
  <title>Outlet</title><link>https://outlet.example.test/</link>
  <atom:link rel="self" type="application/rss+xml" href="/rss.xml"/>
  <atom:link rel="hub" href="https://hub.example.test/a"/>
  <atom:link rel="hub" href="https://hub.example.test/b"/>
  <item><title>x</title></item>
</channel></rss>`;

describe('discoverHub', () => {
  it('reads the hub and self links of an Atom feed, not those of its entries', () => {
    expect(discoverHub({ url: 'https://cdn.example.test/a', body: ATOM })).toEqual({
      hub: 'https://hub.example.test/',
      hubs: ['https://hub.example.test/'],
      topic: 'https://outlet.example.test/atom.xml',
      from: 'document',
    });
  });

  it('reads atom:link elements of an RSS channel and resolves relative ones', () => {
    const d = discoverHub({ url: 'https://outlet.example.test/feed', body: RSS });
    expect(d?.hub).toBe('https://hub.example.test/a');
    expect(d?.hubs).toHaveLength(2);
    expect(d?.topic).toBe('https://outlet.example.test/rss.xml');
  });

  it('prefers the Link header over the document', () => {
    const d = discoverHub({
      url: 'https://outlet.example.test/feed',
      body: RSS,
      linkHeader: '<https://push.example.test/hub>; rel="hub", </canonical.xml>; rel=self',
    });
    expect(d).toMatchObject({
      hub: 'https://push.example.test/hub',
      topic: 'https://outlet.example.test/canonical.xml',
      from: 'link-header',
    });
  });

  it('uses the fetched URL as topic when no self link is given', () => {
    const d = discoverHub({
      url: 'https://outlet.example.test/feed',
      body: '<rss><channel><title>t</title></channel></rss>',
      linkHeader: '<https://hub.example.test/>; rel="hub"',
    });
    expect(d?.topic).toBe('https://outlet.example.test/feed');
  });

  it('finds nothing in a feed without a hub, or with a non-http hub', () => {
    expect(
      discoverHub({ url: 'https://o.example.test/', body: RSS.replace(/rel="hub"/g, 'rel="x"') }),
    ).toBeNull();
    expect(
      discoverHub({
        url: 'https://o.example.test/',
        body: '<feed/>',
        linkHeader: '<ftp://h/>; rel="hub"',
      }),
    ).toBeNull();
  });
});

describe('linkHeaderLinks', () => {
  it('reads several rel values and parameters in any order', () => {
    const l = linkHeaderLinks(
      '<https://a.test/h>; title="x, y"; rel="hub other", <https://a.test/s>; type="x"; rel="self"',
      'https://a.test/',
    );
    expect(l).toEqual({ hubs: ['https://a.test/h'], self: 'https://a.test/s' });
  });
});
