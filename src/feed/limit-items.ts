/**
 * Caps the number of entries of a feed document before it is parsed: a feed with 100,000 items
 * would otherwise block the worker for seconds in the XML parser and flood the pipeline. The
 * entries after the first `maxItems` are cut out of the text (what follows the last entry, such
 * as `</channel></rss>`, is kept), so the parser sees a smaller well-formed document. Feeds list
 * their newest entries first; the oldest are the ones dropped.
 */

const ENTRY_END = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi;

export interface LimitedDocument {
  readonly text: string;
  /** Entries cut out (0 when the document had at most `maxItems`). */
  readonly dropped: number;
}

export function limitItems(doc: string, maxItems: number): LimitedDocument {
  let count = 0;
  let cut = -1;
  let lastEnd = -1;
  for (const m of doc.matchAll(ENTRY_END)) {
    count += 1;
    const end = m.index + m[0].length;
    if (count === maxItems) cut = end;
    lastEnd = end;
  }
  if (count <= maxItems) return { text: doc, dropped: 0 };
  if (maxItems <= 0) cut = firstEntryStart(doc);
  if (cut < 0) return { text: doc, dropped: 0 };
  return { text: doc.slice(0, cut) + doc.slice(lastEnd), dropped: count - maxItems };
}

function firstEntryStart(doc: string): number {
  return doc.search(/<(?:[\w.-]+:)?(?:item|entry)[\s>]/i);
}
