/**
 * windows-1252 characters at 0x80–0x9F. Node 20's TextDecoder('windows-1252') decodes these
 * bytes as Latin-1 C1 controls, and feeds often carry them (’ “ ” – — …): we map them here.
 */
const C1_TO_1252: Record<number, string> = {
  0x80: '\u20ac',
  0x82: '\u201a',
  0x83: '\u0192',
  0x84: '\u201e',
  0x85: '\u2026',
  0x86: '\u2020',
  0x87: '\u2021',
  0x88: '\u02c6',
  0x89: '\u2030',
  0x8a: '\u0160',
  0x8b: '\u2039',
  0x8c: '\u0152',
  0x8e: '\u017d',
  0x91: '\u2018',
  0x92: '\u2019',
  0x93: '\u201c',
  0x94: '\u201d',
  0x95: '\u2022',
  0x96: '\u2013',
  0x97: '\u2014',
  0x98: '\u02dc',
  0x99: '\u2122',
  0x9a: '\u0161',
  0x9b: '\u203a',
  0x9c: '\u0153',
  0x9e: '\u017e',
  0x9f: '\u0178',
};

/** Replaces C1 control characters with the windows-1252 characters they stand for. */
export function fixC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => C1_TO_1252[c.charCodeAt(0)] ?? '');
}
