import { Parser } from 'htmlparser2';
import { decodeHTML } from 'entities';
import { fixC1 } from './windows-1252.js';

/** Elements whose text is never shown to a reader: code, styling, embedded objects. */
const SKIPPED = new Set(['script', 'style', 'template', 'head', 'svg', 'math']);

/** Elements that break the flow of text: they become a line break. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);

/** Cells sit side by side: a space between them. */
const CELL = new Set(['td', 'th']);

const LEFTOVER_ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;

/** Folds runs of spaces inside lines and blank lines between them; trims the result. */
export function foldWhitespace(text: string, keepLines = true): string {
  const lines = fixC1(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0);
  return lines.join(keepLines ? '\n' : ' ');
}

/**
 * Renders an HTML fragment as plain text: tags dropped, entities decoded (twice when the feed
 * double-encoded them, e.g. `&amp;lt;`), no script or style text, block elements on their own
 * lines. With `singleLine` everything is folded onto one line (for titles).
 */
export function htmlToText(html: string, options: { singleLine?: boolean } = {}): string {
  const once = renderHtml(html);
  // Double-encoded markup (&amp;lt;p&amp;gt;) comes out of the first pass as tags: render again.
  const text = DECODED_TAG.test(once) ? renderHtml(once) : once;
  return foldWhitespace(text, !options.singleLine);
}

const DECODED_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

function renderHtml(html: string): string {
  if (!/[<&]/.test(html)) return html;
  let out = '';
  let skipDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth += 1;
        else if (BLOCK.has(name)) out += '\n';
        else if (CELL.has(name)) out += ' ';
      },
      onclosetag(name, isImplied) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (BLOCK.has(name) && !isImplied) out += '\n';
      },
      ontext(text) {
        if (skipDepth === 0) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return LEFTOVER_ENTITY.test(out) ? decodeHTML(out) : out;
}
