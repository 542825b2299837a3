import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract-article.js';

const page = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/articles/${name}.html`, import.meta.url), 'utf8');

describe('extractArticle', () => {
  it('keeps the story paragraphs and drops the furniture around and inside them', () => {
    const r = extractArticle(page('story'), { minChars: 250 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const text = r.article.paragraphs.join('\n');
    expect(text).toContain('Four US service members were wounded');
    expect(text).toContain('Kataib Hezbollah');
    expect(text).toContain('Anbar province');
    for (const furniture of [
      'cookies',
      'Your support helps us',
      'newsletter',
      'commenting forum',
      'fifty people killed',
      'No media source',
      'Getty Images',
      'Related stories',
      'Most read',
      'All rights reserved',
      'Storm floods',
    ])
      expect(text).not.toContain(furniture);
  });

  it('takes the headline and the publication date from JSON-LD', () => {
    const r = extractArticle(page('story'), { minChars: 250 });
    expect(r.ok && r.article.title).toBe('Rocket attack wounds four at Ain al-Asad base');
    expect(r.ok && r.article.published).toBe('2026-11-28T09:40:00.000Z');
  });

  it('reports a paywall stub as no text, so the feed text is used', () => {
    expect(extractArticle(page('paywall'), { minChars: 250 })).toEqual({
      ok: false,
      reason: 'no-text',
    });
  });

  it('falls back to the JSON-LD articleBody when the page body holds no story', () => {
    const body =
      'Militants attacked a patrol of the Syrian Democratic Forces near Shaddadi on Sunday, killing two fighters.\n\n' +
      'The coalition said it sent aircraft to support the patrol, and that a drone later struck the attackers as they withdrew towards the desert south of the town.';
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Patrol attacked near Shaddadi',
      datePublished: '2026-12-01T06:00:00Z',
      articleBody: body,
    })}</script></head><body><div id="app"></div></body></html>`;
    const r = extractArticle(html, { minChars: 200 });
    expect(r.ok && r.article.paragraphs).toHaveLength(2);
    expect(r.ok && r.article.published).toBe('2026-12-01T06:00:00.000Z');
  });

  it('takes the date from the dateline when the page has no date in its metadata', () => {
    const html = page('story')
      .replace(/"datePublished": "[^"]*",?/, '')
      .replace(/<time[^>]*>[^<]*<\/time>/, '')
      .replace('BAGHDAD —', 'BAGHDAD, Nov 27 (Reuters) —');
    const r = extractArticle(html, { minChars: 250, now: new Date('2026-12-05T10:00:00Z') });
    expect(r.ok && r.article.published).toBe('2026-11-27T12:00:00.000Z');
  });
});
