/**
 * Safe text for Slack: untrusted text (feed titles, summaries, queries people typed) is escaped
 * once so `<!channel>`, `<!here>` and `<@U…>` stay inert, and every Block Kit string is cut to
 * its limit without breaking an escape, a surrogate pair or a link.
 */

/** Block Kit limits (https://api.slack.com/reference/block-kit). */
export const LIMITS = {
  header: 150,
  sectionText: 3000,
  field: 2000,
  fieldsPerSection: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  buttonsPerActions: 25,
  contextElements: 10,
  contextText: 3000,
  messageBlocks: 50,
  homeBlocks: 100,
  /** Top-level `text` (the notification and screen-reader fallback). Slack allows 40k; keep it short. */
  fallback: 3000,
  url: 3000,
} as const;

const ELLIPSIS = '…';

/** Escapes the three characters Slack treats as control: `&` first, then `<` and `>`. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts already-escaped text to `max` characters (UTF-16 units, as Slack counts them), ending in
 * "…". Never leaves half an `&amp;`-style entity or half a surrogate pair behind.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - ELLIPSIS.length);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp >= cut.length - 5 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Escapes untrusted text and cuts it to `max`. */
export function safeText(text: string, max: number): string {
  return truncate(escapeText(text), max);
}

/** A URL fit for `<url|label>`: only http(s), and no characters that would end the link. */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url) || url.length > LIMITS.url) return undefined;
  return url.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
}

/** A mrkdwn link with an escaped label; plain escaped label when the URL is unusable. */
export function link(url: string | undefined, label: string): string {
  const safe = url === undefined ? undefined : safeUrl(url);
  const text = escapeText(label).replace(/\|/g, '¦');
  return safe ? `<${safe}|${text}>` : text;
}

/**
 * Packs lines (already escaped) into chunks of at most `max` characters; a single line that is
 * too long is truncated. Used to spread a long list over several section blocks.
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

/**
 * Lines (already escaped) that fit one text of `max` characters; the rest become
 * "…and N more".
 */
export function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const more = `…and ${lines.length - i} more`;
    const left = lines.length - i - 1;
    const room = max - used - (kept.length > 0 ? 1 : 0);
    const reserve = left > 0 ? more.length + 1 : 0;
    if (line.length > room - reserve) {
      if (kept.length === 0)
        return left > 0 ? `${truncate(line, max - reserve)}\n${more}` : truncate(line, max);
      kept.push(more);
      return kept.join('\n');
    }
    kept.push(line);
    used += line.length + (kept.length > 1 ? 1 : 0);
  }
  return kept.join('\n');
}
