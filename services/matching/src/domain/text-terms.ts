import { pinyin } from 'pinyin-pro';

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z0-9]+/g;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** NFKC (full-width Latin from IMEs), lower case, ü typed as v. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ü/g, 'v');
}

function hanTerms(run: string, out: Set<string>, forQuery: boolean): void {
  for (const s of segmenter.segment(run))
    if (s.isWordLike && (s.segment.length > 1 || run.length === 1)) out.add(s.segment);
  // Bigrams find words the segmenter cut differently (挖机 inside 挖机司机); single characters only
  // when the text is one character, else 机 would find every machine job.
  for (let i = 0; i + 2 <= run.length; i++) out.add(run.slice(i, i + 2));
  if (run.length === 1) out.add(run);
  if (!forQuery) for (const ch of run) out.add(ch);
}

/**
 * The terms of a text, the same way for documents and queries so both engines see one
 * vocabulary: Latin and digit words; for Chinese, words from Intl.Segmenter plus character
 * bigrams (and, in documents, single characters so that a one-character query still finds).
 */
export function textTerms(text: string, forQuery = false): string[] {
  const folded = fold(text);
  const out = new Set<string>();
  for (const m of folded.matchAll(LATIN_WORD)) out.add(m[0]);
  for (const m of folded.matchAll(HAN_RUN)) hanTerms(m[0], out, forQuery);
  return [...out];
}

/**
 * Pinyin forms of the Chinese in a text, for documents: each segmented word and each whole
 * run as full toneless pinyin (挖掘机 → wajueji) and as initials (wjj), so that people typing
 * pinyin without an IME find the job.
 */
export function pinyinTerms(text: string): string[] {
  const out = new Set<string>();
  for (const m of fold(text).matchAll(HAN_RUN)) {
    const run = m[0];
    // Whole run, each word, and runs of two or three words (挖掘+机 → wajueji).
    const segs = [...segmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
    const words = new Set([run]);
    for (let i = 0; i < segs.length; i++) {
      for (let n = 1; n <= 3 && i + n <= segs.length; n++) {
        const w = segs.slice(i, i + n).join('');
        if (w.length > 1) words.add(w);
      }
    }
    for (const w of words) {
      const syllables = pinyin(w, { toneType: 'none', type: 'array', v: true });
      out.add(syllables.join(''));
      if (syllables.length > 1) out.add(syllables.map((s) => s[0]).join(''));
    }
  }
  return [...out].filter((t) => /^[a-z]+$/.test(t));
}

/** Query terms: the text's terms; Latin-only input is also tried as pinyin ('wa jue ji' → 'wajueji'). */
export function queryTerms(q: string): string[] {
  const terms = textTerms(q, true);
  const words = fold(q)
    .split(/[\s'’]+/)
    .filter((w) => w !== '');
  // Syllables typed apart are one word; it goes first, as every hit must contain the first term.
  if (words.length > 1 && words.every((w) => PINYIN_SYLLABLE.test(w))) {
    const joined = words.join('');
    return [joined, ...terms.filter((t) => t !== joined)];
  }
  return terms;
}

const PINYIN_SYLLABLE =
  /^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ua|uo|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ui|ue|ve|a|o|e|i|u|v)$/;

/** Levenshtein distance, stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Typos tolerated in a query term, Meilisearch's default rule: none under 5 characters, one
 * from 5, two from 9 — and only for Latin (English or pinyin) terms, as Chinese has no spelling.
 */
export function typoBudget(term: string): number {
  if (!/^[a-z0-9]+$/.test(term)) return 0;
  return term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0;
}
