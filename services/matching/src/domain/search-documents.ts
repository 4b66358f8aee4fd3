import { regionPath } from '@tongxin/regions';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { SearchDocument } from '../search/search-engine.ts';
import type { OpeningEntry, WorkerEntry } from './match-store.ts';
import { editDistance, pinyinTerms, textTerms, typoBudget } from './text-terms.ts';

/** The searchable terms of an opening by field, kept beside the engine for the shared re-ranking. */
export interface OpeningTerms {
  title: Set<string>;
  skills: Set<string>;
  other: Set<string>;
}

/** Names, synonyms and English name of a skill: what people call the job. */
function skillWords(taxonomy: Taxonomy, code: string): string[] {
  const s = taxonomy.get(code);
  return s ? [s.nameZh, s.nameEn, ...s.synonyms] : [];
}

function termsOf(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    for (const term of textTerms(t)) out.add(term);
    for (const term of pinyinTerms(t)) out.add(term);
  }
  return out;
}

export function openingTerms(taxonomy: Taxonomy, o: OpeningEntry): OpeningTerms {
  const op = o.snap;
  const codes = new Set([taxonomy.resolve(op.occupationCode) ?? op.occupationCode, ...o.required.map((r) => r.code)]);
  const places = regionPath(op.worksiteRegionCode).map((n) => n.name);
  return {
    title: termsOf([op.title]),
    skills: termsOf([...codes].flatMap((c) => skillWords(taxonomy, c))),
    other: termsOf([op.employerName, op.description ?? '', ...places]),
  };
}

/** yyyymmdd as a number, for range filters on dates. */
const dayNumber = (date: string | undefined, fallback: number): number =>
  date ? Number(date.replaceAll('-', '')) : fallback;

/** Every prefix of a region code at the GB/T 2260 levels: filtering by a city or county is `=` on one. */
export function regionPrefixes(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((n) => code.length >= n).map((n) => code.slice(0, n));
}

/** The openings-index document of a published opening. */
export function openingDocument(taxonomy: Taxonomy, o: OpeningEntry, terms: OpeningTerms): SearchDocument {
  const op = o.snap;
  const occupation = taxonomy.resolve(op.occupationCode) ?? op.occupationCode;
  return {
    id: op.id,
    title: [...terms.title].join(' '),
    skills: [...terms.skills].join(' '),
    other: [...terms.other].join(' '),
    tier: op.tier,
    occupationCode: occupation,
    // The occupation a query names finds openings of that occupation or requiring it.
    occupations: [...new Set([occupation, ...o.required.map((r) => taxonomy.resolve(r.code) ?? r.code)])],
    category: op.category ?? taxonomy.get(occupation)?.category ?? '',
    township: op.worksiteRegionCode.length >= 9 ? op.worksiteRegionCode.slice(0, 9) : '',
    regionPrefixes: regionPrefixes(op.worksiteRegionCode),
    skillCodes: o.required.map((r) => r.code),
    wageMin: op.wageMin,
    wageMax: op.wageMax,
    housing: op.benefits?.housing === true,
    meals: op.benefits?.meals === true,
    socialInsurance: op.benefits?.socialInsurance === true,
    reservedForPoor: op.reservedForPoor === true,
    closingDay: dayNumber(op.closingDate, 99_991_231),
    publishedAtTs: op.publishedAt ? Date.parse(op.publishedAt) : 0,
  };
}

/** The workers-index document: skills and programme facts, never a name, ID number or phone. */
export function workerDocument(taxonomy: Taxonomy, w: WorkerEntry): SearchDocument {
  const s = w.snap;
  return {
    id: s.id,
    skills: [...termsOf([...w.skills.keys()].flatMap((c) => skillWords(taxonomy, c)))].join(' '),
    skillCodes: [...w.skills.keys()],
    township: s.townshipCode,
    homeVillageCode: s.homeVillageCode,
    householdStatus: s.householdStatus,
    relocated: s.relocated === true,
    employmentStatus: s.employmentStatus,
    tierPreferences: s.tierPreferences ?? [],
  };
}

const FIELD_WEIGHT = { title: 3, skills: 2, other: 1 } as const;

/**
 * Text relevance of an opening to query terms, computed the same way whichever engine found
 * it, so both engines order a hit set identically: per term, the best field (title > skills >
 * other) at full weight for an exact term, 0.8 for a prefix of the last term, 0.6 within the
 * typo budget.
 */
export function textRelevance(terms: string[], doc: OpeningTerms): number {
  let score = 0;
  terms.forEach((term, i) => {
    let best = 0;
    for (const field of ['title', 'skills', 'other'] as const) {
      const set = doc[field];
      const w = FIELD_WEIGHT[field];
      if (w <= best) continue;
      if (set.has(term)) {
        best = w;
        continue;
      }
      let partial = 0;
      const budget = typoBudget(term);
      const prefixable = i === terms.length - 1 && term.length >= 2;
      for (const t of set) {
        if (prefixable && t.length > term.length && t.startsWith(term)) partial = Math.max(partial, 0.8);
        else if (budget && editDistance(term, t, budget) <= budget) partial = Math.max(partial, 0.6);
        if (partial === 0.8) break;
      }
      best = Math.max(best, w * partial);
    }
    score += best;
  });
  return score;
}
