import type { SearchDocument, FilterClause } from '../search/search-engine.ts';
import { type OpeningTerms, textRelevance } from './search-documents.ts';

/** The filters of a saved search: those of GET /api/v1/search/openings, without paging. */
export interface SavedSearchFilters {
  tier?: 'in_county' | 'in_province' | 'out_of_province';
  occupation?: string;
  category?: string;
  township?: string;
  region?: string;
  wageMin?: number;
  housing?: boolean;
  meals?: boolean;
  socialInsurance?: boolean;
  reservedForPoor?: boolean;
}

/** Whether one opening's search document passes every filter clause, as the engines read them. */
export function passesFilters(doc: SearchDocument, filters: FilterClause[]): boolean {
  return filters.every((f) => {
    const v = doc[f.field];
    if (f.op === '=') return Array.isArray(v) ? v.includes(String(f.value)) : v === f.value;
    if (f.op === '!=') return Array.isArray(v) ? !v.includes(String(f.value)) : v !== f.value;
    if (typeof v !== 'number' || typeof f.value !== 'number') return false;
    return f.op === '>=' ? v >= f.value : v <= f.value;
  });
}

/** Whether the opening answers the query's text: every term found in some field (exact, prefix or within typos). */
export function matchesText(terms: string[], doc: OpeningTerms): boolean {
  return terms.every((t) => textRelevance([t], doc) > 0);
}
