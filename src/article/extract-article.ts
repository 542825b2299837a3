/**
 * Main text of a news page: Mozilla Readability (the Firefox Reader View engine) over a
 * linkedom DOM, then the furniture filter (src/incident/extract/page-furniture.ts) for what Readability
 * keeps inside the story (captions, promos, appeals). JSON-LD gives the headline and date; a
 * page without a date in its metadata may still have one in its dateline.
 * docs/ARTICLES.md says why linkedom rather than jsdom.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { isFurniture } from '../incident/extract/page-furniture.js';
import { datelineDate } from './dateline-date.js';
import { readJsonLd } from './json-ld.js';

export interface ArticleText {
  readonly title: string;
  /** Story paragraphs, furniture removed, whitespace folded. */
  readonly paragraphs: readonly string[];
  /** ISO 8601 publication time from JSON-LD, the page's metadata or the story's dateline. */
  readonly published?: string;
}

export type Extraction =
  | { readonly ok: true; readonly article: ArticleText }
  | { readonly ok: false; readonly reason: 'no-text' };

export interface ExtractOptions {
  /** Fewer characters of story than this is a teaser or a paywall stub, not an article. */
  readonly minChars: number;
  /** The fetch time: a dateline without a year is read as on or before it. */
  readonly now?: Date;
}

const BLOCKS = 'p, li, blockquote, h2, h3, pre';
const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

type Doc = ReturnType<typeof parseHTML>['document'];

function jsonLdScripts(doc: Doc): string[] {
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map(
    (s) => s.textContent ?? '',
  );
}

/** Paragraph texts of Readability's article HTML; captions and asides are dropped first. */
function paragraphsOf(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of document.querySelectorAll('figure, figcaption, aside, nav, footer, form'))
    el.remove();
  const blocks = [...document.querySelectorAll(BLOCKS)];
  const texts = blocks
    .filter((el) => !el.querySelector(BLOCKS)) // innermost blocks only
    .map((el) => fold(el.textContent ?? ''));
  return texts.filter((t) => t.length > 0 && !isFurniture(t));
}

function isoDate(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Extracts the story of one HTML page. */
export function extractArticle(html: string, options: ExtractOptions): Extraction {
  const { document } = parseHTML(html);
  const meta = readJsonLd(jsonLdScripts(document));
  const parsed = new Readability(
    document as unknown as ConstructorParameters<typeof Readability>[0],
    {
      charThreshold: options.minChars,
    },
  ).parse();
  let paragraphs = parsed?.content ? paragraphsOf(parsed.content) : [];
  if (paragraphs.join(' ').length < options.minChars && meta.articleBody) {
    paragraphs = meta.articleBody
      .split(/\n{2,}|\r\n\r\n/)
      .map(fold)
      .filter((t) => t && !isFurniture(t));
  }
  if (paragraphs.join(' ').length < options.minChars) return { ok: false, reason: 'no-text' };
  const published =
    meta.datePublished ??
    isoDate(parsed?.publishedTime) ??
    datelineDate(paragraphs[0] ?? '', options.now ?? new Date());
  return {
    ok: true,
    article: {
      title: meta.headline ?? fold(parsed?.title ?? ''),
      paragraphs,
      ...(published ? { published } : {}),
    },
  };
}
