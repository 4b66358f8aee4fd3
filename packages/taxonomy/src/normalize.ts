/**
 * Fold user input and data to one comparable form. NFKC turns full-width Latin from
 * Chinese IMEs (ｗｊｊ, ＱＣ) into ASCII; whitespace is collapsed so 'tower  crane' still matches.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Query form for pinyin comparison: 'wa jue ji', "xi'an" and 'lü' become 'wajueji', 'xian', 'lv'. */
export function compactPinyin(normalized: string): string {
  return normalized.replace(/[\s'’]/g, '').replace(/ü/g, 'v');
}

const HAN = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}
