import { readFileSync } from 'node:fs';
import { TaxonomyError } from './errors.ts';
import { normalizeText } from './normalize.ts';
import { SkillSearchIndex, type SkillSearchResult } from './search.ts';
import { parseSkills, type Skill } from './skill.ts';

/** Read-only view of the occupation taxonomy. */
export interface Taxonomy {
  /** Skill by code, or undefined. */
  get(code: string): Skill | undefined;
  has(code: string): boolean;
  /** All skills in file order (grouped by category, as curated). */
  all(): readonly Skill[];
  /** Distinct categories in order of first appearance. */
  categories(): string[];
  /**
   * Map free text to a code: exact (trimmed, case-insensitive) match on code, Chinese or English
   * name, or Chinese synonym. Names win over synonyms; a synonym shared by two skills resolves to undefined.
   */
  resolve(text: string): string | undefined;
  /** Related codes (symmetric); empty for unknown codes. */
  related(code: string): string[];
  /** Certificate usually required for the occupation, or undefined. */
  certificateFor(code: string): string | undefined;
  /**
   * Typeahead over Chinese names and synonyms, English names, full pinyin and pinyin initials.
   * Ranked exact > prefix > substring, then name before synonym, then by code.
   */
  search(query: string, limit?: number): SkillSearchResult[];
}

/** Build a taxonomy from occupations.csv text; throws TaxonomyError on inconsistent data. */
export function createTaxonomy(csvText: string): Taxonomy {
  const skills = parseSkills(csvText);
  const byCode = new Map(skills.map((s) => [s.code, s]));

  const strong = new Map<string, string>();
  const weak = new Map<string, string | null>();
  for (const s of skills) {
    for (const key of [s.code, s.nameZh, s.nameEn]) strong.set(normalizeText(key), s.code);
  }
  for (const s of skills) {
    for (const synonym of s.synonyms) {
      const key = normalizeText(synonym);
      const seen = weak.get(key);
      weak.set(key, seen === undefined || seen === s.code ? s.code : null);
    }
  }
  const index = new SkillSearchIndex(skills);
  const categories = [...new Set(skills.map((s) => s.category))];

  return {
    get: (code) => byCode.get(code),
    has: (code) => byCode.has(code),
    all: () => skills,
    categories: () => [...categories],
    resolve(text) {
      const key = normalizeText(text);
      if (key === '') return undefined;
      return strong.get(key) ?? weak.get(key) ?? undefined;
    },
    related: (code) => [...(byCode.get(code)?.related ?? [])],
    certificateFor: (code) => byCode.get(code)?.certificate,
    search: (query, limit = 10) => index.search(query, limit),
  };
}

const DATA_FILE = new URL('../data/occupations.csv', import.meta.url);
let cached: Taxonomy | undefined;

/** The project's taxonomy (packages/taxonomy/data/occupations.csv), parsed on first call and shared after. */
export function loadTaxonomy(): Taxonomy {
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(DATA_FILE, 'utf8');
  } catch (cause) {
    throw new TaxonomyError('TAXONOMY_DATA_UNAVAILABLE', `cannot read ${DATA_FILE.pathname}`, { cause });
  }
  cached = createTaxonomy(text);
  return cached;
}
