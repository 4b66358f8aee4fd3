/**
 * A cell as the parsers read it: full-width digits, Latin letters and the signs of numbers, dates and
 * times (＋－．／：) as a Chinese input method types them folded to half-width, the ideographic space
 * to a space, runs of spaces made one, ends trimmed. Other characters are kept as written (the
 * full-width brackets and punctuation of Chinese names stay, so names match their stored records).
 */
export function normalizeCell(text: string): string {
  return text
    .replace(/[０-９Ａ-Ｚａ-ｚ＋－．／：]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A phone number as typed with spaces, dashes or a +86 / 0086 prefix: its digits. */
export function phoneDigits(text: string): string {
  return text.replace(/[\s\-–—()]/g, '').replace(/^(\+|00)86(?=1\d{10}$)/, '');
}
