/**
 * A cell as the parsers read it: full-width digits, letters, punctuation and spaces (as a Chinese
 * input method types them) folded to their half-width forms (NFKC), runs of spaces made one, ends
 * trimmed. Chinese characters are unchanged.
 */
export function normalizeCell(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** A phone number as typed with spaces, dashes or a +86 / 0086 prefix: its digits. */
export function phoneDigits(text: string): string {
  return text.replace(/[\s\-–—()]/g, '').replace(/^(\+|00)86(?=1\d{10}$)/, '');
}
