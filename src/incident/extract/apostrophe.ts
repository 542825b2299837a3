/**
 * One apostrophe: the curly (’ ‘), modifier (ʼ), prime (′), acute (´) and backtick forms inside a
 * word become the straight one, so "Kata’ib" and "Kata'ib", "Iraq’s" and "Iraq's" read alike in
 * every pattern. Quotation marks around words are left alone.
 */
const INNER_APOSTROPHE = /(?<=\p{L})[’‘ʼ′´`](?=\p{L})/gu;

export function unifyApostrophes(text: string): string {
  return text.replace(INNER_APOSTROPHE, "'");
}
