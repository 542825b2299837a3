/**
 * Discord's message limits and graceful truncation: an embed over a limit is rejected with a
 * 400 by the API, so every embed is fitted before it is sent.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';

export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  content: 2000,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  threadName: 100,
} as const;

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters, ending in "…" when cut (never splits a surrogate pair). */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - ELLIPSIS.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // a high surrogate whose pair would be cut
  return `${text.slice(0, Math.max(0, end))}${ELLIPSIS}`;
}

/**
 * Joins lines into at most `max` characters without cutting a line in half: lines that do not
 * fit are replaced by "…and N more". A single first line longer than `max` is truncated.
 */
export function joinLines(lines: readonly string[], max: number, separator = '\n'): string {
  const all = lines.join(separator);
  if (all.length <= max) return all;
  let kept = 0;
  let used = 0;
  for (const line of lines) {
    const cost = (kept > 0 ? separator.length : 0) + line.length;
    const tail = `${separator}…and ${lines.length - kept - 1} more`.length;
    if (used + cost + tail > max) break;
    kept += 1;
    used += cost;
  }
  if (kept === 0) return truncate(all, max);
  return `${lines.slice(0, kept).join(separator)}${separator}…and ${lines.length - kept} more`;
}

function fitField(f: APIEmbedField): APIEmbedField {
  const name = truncate(f.name.trim() || '\u200b', LIMITS.fieldName);
  const value = truncate(f.value.trim() || '\u200b', LIMITS.fieldValue);
  return { ...f, name, value };
}

/** The characters of an embed that count towards Discord's 6000 total. */
export function embedLength(e: APIEmbed): number {
  const fields = (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    fields
  );
}

/**
 * Fits an embed into every limit: each part truncated to its own limit, at most 25 fields, then
 * while the total is over 6000 the description is shortened, then fields are dropped from the
 * end, then the footer is shortened.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title !== undefined) e.title = truncate(e.title, LIMITS.title);
  if (e.description !== undefined) e.description = truncate(e.description, LIMITS.description);
  if (e.footer) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author) e.author = { ...e.author, name: truncate(e.author.name, LIMITS.authorName) };
  if (e.fields) e.fields = e.fields.slice(0, LIMITS.fields).map(fitField);
  let over = embedLength(e) - LIMITS.embedTotal;
  if (over > 0 && e.description) {
    e.description = truncate(e.description, Math.max(100, e.description.length - over));
    over = embedLength(e) - LIMITS.embedTotal;
  }
  while (over > 0 && e.fields && e.fields.length > 0) {
    e.fields = e.fields.slice(0, -1);
    over = embedLength(e) - LIMITS.embedTotal;
  }
  if (over > 0 && e.footer) {
    e.footer = {
      ...e.footer,
      text: truncate(e.footer.text, Math.max(0, e.footer.text.length - over)),
    };
    over = embedLength(e) - LIMITS.embedTotal;
  }
  if (over > 0 && e.description) {
    e.description = truncate(e.description, Math.max(0, e.description.length - over));
  }
  return e;
}
