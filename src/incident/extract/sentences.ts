/**
 * Sentence segmentation for news text: lines first, then sentence ends, keeping abbreviations
 * ("U.S.", "Gen.", "Aug. 29", "p.m.") inside their sentence, and splitting text that page
 * scraping glued together ("...the difference.Two soldiers...").
 */

const ABBREVIATIONS = new Set(
  [
    'u.s',
    'u.k',
    'u.n',
    'mr',
    'mrs',
    'ms',
    'dr',
    'gen',
    'lt',
    'col',
    'maj',
    'capt',
    'cpl',
    'sgt',
    'pvt',
    'adm',
    'brig',
    'rep',
    'sen',
    'gov',
    'st',
    'no',
    'vs',
    'jan',
    'feb',
    'mar',
    'apr',
    'jun',
    'jul',
    'aug',
    'sep',
    'sept',
    'oct',
    'nov',
    'dec',
    'a.m',
    'p.m',
    'inc',
    'co',
    'corp',
    'jr',
    'sr',
  ].map((a) => a.toLowerCase()),
);

const BOUNDARY = /([.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\d])|(?<=\p{Ll}{3}[.!?])(?=\p{Lu}\p{Ll})/gu;

function endsWithAbbreviation(chunk: string): boolean {
  const m = /(?:^|[\s(])([\p{L}.]+)\.["”’)]?$/u.exec(chunk);
  if (!m?.[1]) return false;
  const word = m[1].toLowerCase();
  return ABBREVIATIONS.has(word) || /^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{L}$/u.test(word);
}

function splitLine(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  let pending = '';
  for (const m of line.matchAll(BOUNDARY)) {
    const end = m.index + (m[1]?.length ?? 0);
    const chunk = pending + line.slice(start, end);
    start = m.index + m[0].length;
    if (endsWithAbbreviation(chunk)) {
      pending = `${chunk}${line.slice(end, start)}`;
      continue;
    }
    pending = '';
    out.push(chunk.trim());
  }
  out.push((pending + line.slice(start)).trim());
  return out.filter((s) => s.length > 0);
}

/** Splits text into sentences (line breaks always end one). */
export function splitSentences(text: string): string[] {
  return text
    .split(/\r?\n+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .flatMap(splitLine);
}

const SEPARATOR =
  /^(.{2,60}?)(?:\s+[—–-]+\s*|[—–]\s*|(?<=\p{L})-\s+|:\s+|\s+\/\s+|(\))\s+(?=\p{Lu}))/u;
const DATELINE_WORD =
  /^(\(?[\p{Lu}\d][\p{L}\d.'’,)-]*|of|the|and|via|region|news|capital|city|province|(\d{1,2}),?)$/u;

/**
 * Removes a dateline or agency prefix from a lead sentence ("BAGHDAD (AP) — ", "Erbil, Feb 16
 * (XYZ) ", "Outlet News / "). Only a short prefix of capitalised words is removed.
 */
export function stripDateline(sentence: string): string {
  let s = sentence.trim();
  for (let i = 0; i < 2; i += 1) {
    const m = SEPARATOR.exec(s);
    if (!m?.[1]) break;
    const prefix = `${m[1]}${m[2] ?? ''}`;
    const words = prefix.split(/\s+/).filter((w) => w.length > 0);
    if (words.length > 7 || !words.every((w) => DATELINE_WORD.test(w.replace(/\(|\)/g, '')))) {
      break;
    }
    const rest = s.slice(m[0].length).trim();
    if (!/^["“‘]?[\p{Lu}\d]/u.test(rest) || rest.split(/\s+/).length < 4) break;
    s = rest;
  }
  return s;
}
