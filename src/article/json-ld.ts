/**
 * JSON-LD `NewsArticle` metadata of a page: headline, publication date and (on some sites) the
 * article body. A cheap, reliable date source; malformed blocks are skipped.
 */
export interface ArticleMetadata {
  readonly headline?: string;
  readonly datePublished?: string;
  readonly articleBody?: string;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting)$/;

function typesOf(node: Record<string, unknown>): string[] {
  const t = node['@type'];
  if (typeof t === 'string') return [t];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

/** Every object in a JSON-LD value: arrays and `@graph` lists are walked. */
function nodes(value: unknown, out: Record<string, unknown>[] = [], depth = 0): typeof out {
  if (depth > 4 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) nodes(v, out, depth + 1);
    return out;
  }
  const obj = value as Record<string, unknown>;
  out.push(obj);
  if (obj['@graph']) nodes(obj['@graph'], out, depth + 1);
  return out;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function isoDate(v: unknown): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** The first article node among the page's JSON-LD script texts. */
export function readJsonLd(scripts: readonly string[]): ArticleMetadata {
  for (const script of scripts) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(script);
    } catch {
      continue;
    }
    const article = nodes(parsed).find((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t)));
    if (!article) continue;
    const headline = text(article['headline']);
    const datePublished = isoDate(article['datePublished']);
    const articleBody = text(article['articleBody']);
    return {
      ...(headline ? { headline } : {}),
      ...(datePublished ? { datePublished } : {}),
      ...(articleBody ? { articleBody } : {}),
    };
  }
  return {};
}
