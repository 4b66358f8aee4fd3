/** The two indexes matching keeps. */
export type IndexName = 'openings' | 'workers';

/** A flat document: scalar or string-array attributes; searchable attributes hold space-separated terms. */
export type SearchDocument = { id: string } & Record<string, string | number | boolean | string[]>;

/** One condition; all of a request's filters must hold. `=` on an array attribute means "contains" (`!=` is for scalars). */
export type FilterClause =
  | { field: string; op: '=' | '!='; value: string | number | boolean }
  | { field: string; op: '>=' | '<='; value: number };

export interface SortClause {
  field: string;
  order: 'asc' | 'desc';
}

export interface SearchRequest {
  /** Query terms (from `queryTerms`), any of which may match; empty for filter-only browsing. */
  terms: string[];
  filters: FilterClause[];
  /** Attributes whose value counts are wanted over every hit. */
  facets: string[];
  sort?: SortClause[];
  offset: number;
  limit: number;
}

export interface SearchResult {
  /** Hit ids in the engine's order. */
  ids: string[];
  /** Number of hits (Meilisearch: its estimate, exact at county scale). */
  total: number;
  facets: Record<string, Record<string, number>>;
}

/** How an index is set up: searchable attributes in order of importance, and the rest. */
export interface IndexDefinition {
  name: IndexName;
  searchable: string[];
  filterable: string[];
  sortable: string[];
}

/**
 * What matching needs from a search engine; Meilisearch and the embedded engine implement it
 * so that the service does not know which one runs. Writes may be asynchronous in the engine,
 * but a resolved `upsert`/`remove` is visible to the next `search`.
 */
export interface SearchEngine {
  readonly kind: 'meilisearch' | 'embedded';
  /** Creates the indexes if missing and applies settings (idempotent). */
  init(definitions: IndexDefinition[], synonyms: Record<string, string[]>): Promise<void>;
  count(index: IndexName): Promise<number>;
  upsert(index: IndexName, docs: SearchDocument[]): Promise<void>;
  remove(index: IndexName, ids: string[]): Promise<void>;
  search(index: IndexName, request: SearchRequest): Promise<SearchResult>;
  close(): Promise<void>;
}

/** The indexes matching keeps, for both engines. */
export const INDEX_DEFINITIONS: IndexDefinition[] = [
  {
    name: 'openings',
    searchable: ['title', 'skills', 'other'],
    filterable: [
      'tier',
      'occupationCode',
      'occupations',
      'category',
      'township',
      'regionPrefixes',
      'wageMin',
      'wageMax',
      'housing',
      'meals',
      'socialInsurance',
      'reservedForPoor',
      'closingDay',
      'skillCodes',
    ],
    sortable: ['publishedAtTs', 'wageMax', 'id'],
  },
  {
    name: 'workers',
    searchable: ['skills'],
    filterable: [
      'township',
      'homeVillageCode',
      'householdStatus',
      'relocated',
      'employmentStatus',
      'skillCodes',
      'tierPreferences',
    ],
    sortable: ['id'],
  },
];
