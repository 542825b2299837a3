/**
 * The guard in front of the command core: every `/sitrep` line is normalised and bounded before
 * a subcommand sees it. NFKC folds look-alike forms (fullwidth letters, ligatures); line breaks
 * and tabs become spaces; control characters, bidirectional overrides and zero-width characters
 * are removed (they can hide or reorder what a query says); runs of combining marks are cut to
 * a few per letter; whitespace is folded. Text still longer than MAX_COMMAND_LENGTH is refused.
 */

/** Longest command line accepted, in characters after normalisation. */
export const MAX_COMMAND_LENGTH = 1000;
/** Raw input longer than this is refused before normalising it (bounded work). */
const MAX_RAW_LENGTH = MAX_COMMAND_LENGTH * 8;
const MAX_MARKS_PER_LETTER = 4;

export type CommandInput = { ok: true; text: string } | { ok: false; message: string };

const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// C0/C1 controls, bidi embeddings/overrides/isolates and marks, zero-width characters, BOM.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS_PER_LETTER}})\\p{M}+`, 'gu');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function tooLong(length: number): CommandInput {
  return {
    ok: false,
    message: `That command is too long (${length.toLocaleString('en-US')} characters; at most ${MAX_COMMAND_LENGTH}). Try a shorter query.`,
  };
}

export function cleanCommandInput(raw: string): CommandInput {
  if (raw.length > MAX_RAW_LENGTH) return tooLong(raw.length);
  const text = raw
    .replace(LONE_SURROGATE, '')
    .normalize('NFKC')
    .replace(LINE_BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(MARK_RUN, '$1')
    .replace(/\s+/gu, ' ')
    .trim();
  if (text.length > MAX_COMMAND_LENGTH) return tooLong(text.length);
  return { ok: true, text };
}
