import { foldWhitespace, htmlToText } from './html-to-text.js';
import type { RawText } from './raw-entry.js';

/** A text field as plain text: HTML rendered, plain text kept as written (whitespace folded). */
export function plainText(value: RawText | undefined, singleLine = true): string {
  if (!value) return '';
  return value.kind === 'html'
    ? htmlToText(value.value, { singleLine })
    : foldWhitespace(value.value, !singleLine);
}
