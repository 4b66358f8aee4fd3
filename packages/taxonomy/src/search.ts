import { compactPinyin, hasHan, normalizeText } from './normalize.ts';
import { pinyinKeys, type PinyinKeys } from './pinyin-keys.ts';
import type { Skill } from './skill.ts';

/** One typeahead hit. `matched` is the name or synonym, as written in the data, that the query hit. */
export interface SkillSearchResult {
  code: string;
  nameZh: string;
  nameEn: string;
  category: string;
  certificate?: string;
  matched: string;
}

const EXACT = 0;
const PREFIX = 1;
const SUBSTRING = 2;

interface Entry {
  skill: Skill;
  text: string;
  normalized: string;
  isName: boolean;
  pinyin?: PinyinKeys;
}

/** Rank key, compared left to right; lower wins. */
type Rank = [tier: number, field: number, method: number, code: string];

function compareRank(a: Rank, b: Rank): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0;
}

function textTier(haystack: string, needle: string, allowSubstring: boolean): number | undefined {
  if (haystack === needle) return EXACT;
  if (haystack.startsWith(needle)) return PREFIX;
  if (allowSubstring && haystack.includes(needle)) return SUBSTRING;
  return undefined;
}

function pinyinTier(full: string, starts: number[], q: string): number | undefined {
  const tier = textTier(full, q, false);
  if (tier !== undefined) return tier;
  // Mid-word hits must start on a syllable, else 'angon' would find 电焊工 (dianhangong).
  if (q.length >= 2) {
    for (const start of starts) {
      if (start > 0 && full.startsWith(q, start)) return SUBSTRING;
    }
  }
  return undefined;
}

/** Search index over names and synonyms; pinyin is computed once here rather than per keystroke. */
export class SkillSearchIndex {
  private readonly entries: Entry[] = [];

  constructor(skills: readonly Skill[]) {
    for (const skill of skills) {
      const texts: [string, boolean][] = [
        [skill.nameZh, true],
        [skill.nameEn, true],
        ...skill.synonyms.map((s): [string, boolean] => [s, false]),
      ];
      for (const [text, isName] of texts) {
        const entry: Entry = { skill, text, normalized: normalizeText(text), isName };
        if (hasHan(text)) entry.pinyin = pinyinKeys(text);
        this.entries.push(entry);
      }
    }
  }

  search(query: string, limit: number): SkillSearchResult[] {
    const max = Math.floor(limit);
    const q = normalizeText(query);
    if (q === '' || !(max > 0)) return [];
    const qPinyin = compactPinyin(q);
    const pinyinQuery = /^[a-z]+$/.test(qPinyin);
    // One- and two-letter Latin fragments occur inside most English names; substring hits would be noise.
    const textSubstring = hasHan(q) || q.length >= 3;

    const best = new Map<string, { rank: Rank; entry: Entry }>();
    const consider = (entry: Entry, tier: number | undefined, method: number): void => {
      if (tier === undefined) return;
      const rank: Rank = [tier, entry.isName ? 0 : 1, method, entry.skill.code];
      const current = best.get(entry.skill.code);
      if (!current || compareRank(rank, current.rank) < 0) best.set(entry.skill.code, { rank, entry });
    };

    for (const entry of this.entries) {
      consider(entry, textTier(entry.normalized, q, textSubstring), 0);
      const py = entry.pinyin;
      if (!py || !pinyinQuery) continue;
      consider(entry, pinyinTier(py.full, py.syllableStarts, qPinyin), 1);
      if (py.fullU !== undefined) consider(entry, pinyinTier(py.fullU, py.syllableStarts, qPinyin), 1);
      consider(entry, textTier(py.initials, qPinyin, false), 2);
    }

    return [...best.values()]
      .sort((a, b) => compareRank(a.rank, b.rank))
      .slice(0, max)
      .map(({ entry: { skill, text } }) => {
        const result: SkillSearchResult = {
          code: skill.code,
          nameZh: skill.nameZh,
          nameEn: skill.nameEn,
          category: skill.category,
          matched: text,
        };
        if (skill.certificate !== undefined) result.certificate = skill.certificate;
        return result;
      });
  }
}
