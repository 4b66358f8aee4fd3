import { Meilisearch } from 'meilisearch';
import type {
  FilterClause,
  IndexDefinition,
  IndexName,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResult,
} from './search-engine.ts';

export interface MeiliEngineOptions {
  url: string;
  apiKey?: string;
  /** Index uids are `<prefix>_openings` and `<prefix>_workers`. */
  prefix: string;
  /** Longest wait for one task (ms). */
  taskTimeoutMs: number;
}

/** Meilisearch caps hits per query at `pagination.maxTotalHits`; above the county's openings. */
const MAX_TOTAL_HITS = 20_000;

/** A filter string in Meilisearch's filter syntax; values are quoted so codes and Chinese are literal. */
export function meiliFilter(filters: FilterClause[]): string | undefined {
  if (filters.length === 0) return undefined;
  return filters
    .map((f) => {
      const value = typeof f.value === 'string' ? JSON.stringify(f.value) : String(f.value);
      return `${f.field} ${f.op} ${value}`;
    })
    .join(' AND ');
}

/**
 * The Meilisearch adapter. Settings come from the index definitions: searchable attributes
 * in order of importance (the `attribute` ranking rule), filterable and sortable attributes,
 * the taxonomy's synonyms, Chinese as the language of every attribute, and Meilisearch's
 * default typo rule, which the embedded engine copies. Every write waits for its task, so a
 * resolved write is searchable.
 */
export class MeiliEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;
  readonly #client: Meilisearch;

  constructor(private readonly options: MeiliEngineOptions) {
    this.#client = new Meilisearch({
      host: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      defaultWaitOptions: { timeout: options.taskTimeoutMs, interval: 25 },
    });
  }

  uid(index: IndexName): string {
    return `${this.options.prefix}_${index}`;
  }

  async init(definitions: IndexDefinition[], synonyms: Record<string, string[]>): Promise<void> {
    for (const def of definitions) {
      const uid = this.uid(def.name);
      // Creating an existing index fails its task with index_already_exists, which is fine.
      const created = await this.#client.createIndex(uid, { primaryKey: 'id' }).waitTask();
      if (created.status === 'failed' && created.error?.code !== 'index_already_exists') {
        throw new Error(`Meilisearch: cannot create index ${uid}: ${created.error?.message}`);
      }
      const task = await this.#client
        .index(uid)
        .updateSettings({
          searchableAttributes: def.searchable,
          filterableAttributes: def.filterable,
          sortableAttributes: def.sortable,
          rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
          synonyms,
          typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
          localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
          pagination: { maxTotalHits: MAX_TOTAL_HITS },
          faceting: { maxValuesPerFacet: 500 },
        })
        .waitTask();
      if (task.status === 'failed') throw new Error(`Meilisearch: settings of ${uid} refused: ${task.error?.message}`);
    }
  }

  async count(index: IndexName): Promise<number> {
    const stats = await this.#client.index(this.uid(index)).getStats();
    return stats.numberOfDocuments;
  }

  async upsert(index: IndexName, docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const task = await this.#client.index(this.uid(index)).addDocuments(docs, { primaryKey: 'id' }).waitTask();
    if (task.status === 'failed')
      throw new Error(`Meilisearch: documents refused by ${this.uid(index)}: ${task.error?.message}`);
  }

  async remove(index: IndexName, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const task = await this.#client.index(this.uid(index)).deleteDocuments(ids).waitTask();
    if (task.status === 'failed')
      throw new Error(`Meilisearch: deletion refused by ${this.uid(index)}: ${task.error?.message}`);
  }

  async search(index: IndexName, req: SearchRequest): Promise<SearchResult> {
    const filter = meiliFilter(req.filters);
    const res = await this.#client.index(this.uid(index)).search(req.terms.join(' '), {
      ...(filter ? { filter } : {}),
      ...(req.facets.length ? { facets: req.facets } : {}),
      ...(req.sort?.length ? { sort: req.sort.map((s) => `${s.field}:${s.order}`) } : {}),
      // Any term may match, as in the embedded engine; more matched terms rank first (`words`).
      matchingStrategy: 'last',
      attributesToRetrieve: ['id'],
      offset: req.offset,
      limit: req.limit,
    });
    return {
      ids: res.hits.map((h) => String(h.id)),
      total: res.estimatedTotalHits ?? res.hits.length,
      facets: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
    };
  }

  async close(): Promise<void> {}
}
