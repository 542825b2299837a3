import { TextDecoder } from 'node:util';
import { fixC1 } from './windows-1252.js';
/** Where the character set of a document came from, for diagnostics. */
export type CharsetSource = 'bom' | 'content-type' | 'xml-declaration' | 'default' | 'fallback';

export interface DecodedFeed {
  text: string;
  charset: string;
  source: CharsetSource;
}

const BOMS: ReadonlyArray<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

/** Characters XML 1.0 forbids (C0 controls but tab/CR/LF, U+FFFE/U+FFFF, lone surrogates). */
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function bomCharset(bytes: Uint8Array): string | undefined {
  for (const [bom, charset] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return charset;
  }
  // "<?" in UTF-16 without a BOM
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] === 0x3f && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] === 0x3f) return 'utf-16be';
  return undefined;
}

/** The charset parameter of a Content-Type header, quotes and stray spaces allowed. */
export function contentTypeCharset(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*["']?\s*([^"';\s]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(head);
  return m?.[1]?.toLowerCase();
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // a label TextDecoder does not know: try the next source
  }
}

function decodeWith(bytes: Uint8Array, decoder: TextDecoder): string | undefined {
  if (decoder.encoding === 'windows-1252') return fixC1(decoder.decode(bytes));
  if (decoder.encoding !== 'utf-8') return decoder.decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined; // not valid UTF-8
  }
}

/**
 * Decodes a feed document: the charset comes from the byte-order mark, else the Content-Type
 * header, else the XML declaration, else UTF-8 — and windows-1252 when the bytes are not valid
 * UTF-8. Characters XML forbids (NUL and other controls) are removed.
 */
export function decodeFeed(body: Buffer | Uint8Array | string, contentType?: string): DecodedFeed {
  if (typeof body === 'string') {
    return { text: cleanXmlText(body), charset: 'utf-16', source: 'default' };
  }
  const candidates: Array<[string | undefined, CharsetSource]> = [
    [bomCharset(body), 'bom'],
    [contentTypeCharset(contentType), 'content-type'],
    [declaredCharset(body), 'xml-declaration'],
    ['utf-8', 'default'],
  ];
  for (const [label, source] of candidates) {
    const decoder = decoderFor(label);
    if (!decoder) continue;
    // A UTF-16 label on a document with single-byte "<?xml" is a mislabel: skip it.
    if (decoder.encoding.startsWith('utf-16') && source !== 'bom' && body[1] !== 0 && body[0] !== 0)
      continue;
    const text = decodeWith(body, decoder);
    if (text !== undefined) return { text: cleanXmlText(text), charset: decoder.encoding, source };
    break; // declared or assumed UTF-8 but invalid: fall back
  }
  const text = fixC1(new TextDecoder('windows-1252').decode(body));
  return { text: cleanXmlText(text), charset: 'windows-1252', source: 'fallback' };
}

/** Drops a leading BOM and the characters XML does not allow. */
export function cleanXmlText(text: string): string {
  return text.replace(/^\ufeff/, '').replace(INVALID_XML_CHARS, '');
}
