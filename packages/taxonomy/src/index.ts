export { TaxonomyError, type TaxonomyErrorCode } from './errors.ts';
export type { Skill } from './skill.ts';
export type { SkillSearchResult } from './search.ts';
export { createTaxonomy, loadTaxonomy, type Taxonomy } from './taxonomy.ts';
