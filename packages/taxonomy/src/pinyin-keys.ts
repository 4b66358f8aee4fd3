import { pinyin } from 'pinyin-pro';
import { normalizeText } from './normalize.ts';

/** Precomputed pinyin forms of one Chinese string. */
export interface PinyinKeys {
  /** Toneless syllables joined without spaces, ü written 'v' as IMEs expect: 'lvyou'. */
  full: string;
  /** Same with ü as 'u', because many people type 'luyou'; undefined when identical. */
  fullU?: string;
  /** Offsets in `full` where a syllable begins, so substring hits can be kept to syllable boundaries. */
  syllableStarts: number[];
  /** First letters: 'wjj' for 挖掘机; Latin runs are kept whole (CNC操作工 → 'cncczg'). */
  initials: string;
}

export function pinyinKeys(text: string): PinyinKeys {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .map((s) => normalizeText(s).replace(/\s+/g, ''))
    .filter((s) => s !== '');
  const syllableStarts: number[] = [];
  let full = '';
  for (const s of syllables) {
    syllableStarts.push(full.length);
    full += s;
  }
  const initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => normalizeText(s).replace(/\s+/g, ''))
    .join('');
  const keys: PinyinKeys = { full, syllableStarts, initials };
  const fullU = full.replace(/v/g, 'u');
  // Only Han-derived 'v' is ü; a Latin run containing v (e.g. 'dvd') would be mangled, which is harmless here.
  if (fullU !== full) keys.fullU = fullU;
  return keys;
}
