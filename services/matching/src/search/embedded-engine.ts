import MiniSearch from 'minisearch';
import { typoBudget } from '../domain/text-terms.ts';
import type {
  FilterClause,
  IndexDefinition,
  IndexName,
  SearchDocument,
  SearchEngine,
  SearchRequest,
  SearchResult,
  SortClause,
} from './search-engine.ts';

interface EmbeddedIndex {
  def: IndexDefinition;
  mini: MiniSearch<SearchDocument>;
  docs: Map<string, SearchDocument>;
}

/** Field boosts follow the order of `searchable`, as Meilisearch's attribute rule does. */
function boosts(def: IndexDefinition): Record<string, number> {
  return Object.fromEntries(def.searchable.map((f, i) => [f, def.searchable.length - i]));
}

function matches(doc: SearchDocument, f: FilterClause): boolean {
  const v = doc[f.field];
  if (f.op === '=') return Array.isArray(v) ? v.includes(String(f.value)) : v === f.value;
  if (f.op === '!=') return Array.isArray(v) ? !v.includes(String(f.value)) : v !== f.value;
  if (typeof v !== 'number' || typeof f.value !== 'number') return false;
  return f.op === '>=' ? v >= f.value : v <= f.value;
}

function compare(a: SearchDocument, b: SearchDocument, sort: SortClause[]): number {
  for (const s of sort) {
    const x = a[s.field];
    const y = b[s.field];
    const d = x === y ? 0 : (x ?? '') < (y ?? '') ? -1 : 1;
    if (d !== 0) return s.order === 'asc' ? d : -d;
  }
  return 0;
}

/**
 * The embedded engine (MiniSearch, in process) for the single-machine mode. Documents arrive
 * pre-tokenised (space-separated terms), so the engine only splits on spaces; typo tolerance
 * and last-word prefix follow Meilisearch's defaults so that both engines find the same hits.
 * Filters, sort and facet counts run over the stored documents, which at county scale is a
 * few thousand comparisons.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly kind = 'embedded' as const;
  readonly #indexes = new Map<IndexName, EmbeddedIndex>();

  async init(definitions: IndexDefinition[]): Promise<void> {
    for (const def of definitions) {
      if (this.#indexes.has(def.name)) continue;
      const mini = new MiniSearch<SearchDocument>({
        fields: def.searchable,
        storeFields: [],
        tokenize: (text) => text.split(' ').filter((t) => t !== ''),
        processTerm: (term) => term,
        searchOptions: { boost: boosts(def), combineWith: 'OR' },
      });
      this.#indexes.set(def.name, { def, mini, docs: new Map() });
    }
  }

  async count(index: IndexName): Promise<number> {
    return this.#index(index).docs.size;
  }

  async upsert(index: IndexName, docs: SearchDocument[]): Promise<void> {
    const ix = this.#index(index);
    for (const doc of docs) {
      if (ix.docs.has(doc.id)) ix.mini.discard(doc.id);
      ix.mini.add(doc);
      ix.docs.set(doc.id, doc);
    }
  }

  async remove(index: IndexName, ids: string[]): Promise<void> {
    const ix = this.#index(index);
    for (const id of ids) {
      if (!ix.docs.has(id)) continue;
      ix.mini.discard(id);
      ix.docs.delete(id);
    }
  }

  async search(index: IndexName, req: SearchRequest): Promise<SearchResult> {
    const ix = this.#index(index);
    const keep = (doc: SearchDocument | undefined): doc is SearchDocument =>
      !!doc && req.filters.every((f) => matches(doc, f));
    let hits: SearchDocument[];
    if (req.terms.length === 0) {
      hits = [...ix.docs.values()].filter(keep);
    } else {
      // Meilisearch's `last` matching strategy: every hit contains the first term; the others rank.
      const last = req.terms.length - 1;
      const options = (terms: string[]) => ({
        fuzzy: (term: string) => typoBudget(term) || false,
        prefix: (term: string, i: number) => i === last && term.length >= 2,
        tokenize: () => terms,
      });
      const required = new Set(
        ix.mini.search(req.terms[0]!, options(req.terms.slice(0, 1))).map((r) => r.id as string),
      );
      const found = ix.mini.search(req.terms.join(' '), options(req.terms));
      hits = found
        .filter((r) => required.has(r.id as string))
        .map((r) => ix.docs.get(r.id as string))
        .filter(keep);
    }
    if (req.sort?.length) hits.sort((a, b) => compare(a, b, req.sort!));
    const facets: Record<string, Record<string, number>> = {};
    for (const field of req.facets) {
      const counts: Record<string, number> = {};
      for (const doc of hits) {
        const v = doc[field];
        for (const value of Array.isArray(v) ? v : v === undefined || v === '' ? [] : [String(v)]) {
          counts[value] = (counts[value] ?? 0) + 1;
        }
      }
      facets[field] = counts;
    }
    return { ids: hits.slice(req.offset, req.offset + req.limit).map((d) => d.id), total: hits.length, facets };
  }

  async close(): Promise<void> {
    this.#indexes.clear();
  }

  #index(name: IndexName): EmbeddedIndex {
    const ix = this.#indexes.get(name);
    if (!ix) throw new Error(`index ${name} is not initialised`);
    return ix;
  }
}
