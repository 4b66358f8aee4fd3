import { type CountyCalendar, decodeNumericCursor, encodeCursor } from '@tongxin/service-platform';
import { regionName } from '@tongxin/regions';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import type { MatchStore } from '../domain/match-store.ts';
import type { SearchQuery, SearchResponse } from '../domain/schemas.ts';
import { textRelevance } from '../domain/search-documents.ts';
import { unknownCategory, unknownOccupation } from '../errors.ts';
import { queryTerms } from '../domain/text-terms.ts';
import type { FilterClause, SearchEngine } from '../search/search-engine.ts';
import { type Clock, TOKENS } from '../tokens.ts';
import type { Indexer } from './indexer.ts';

/** Hits fetched from the engine for re-ranking a text query; above any county's matching openings. */
const RERANK_WINDOW = 5000;
const FACETS: Record<string, keyof SearchResponse['facets']> = {
  tier: 'tier',
  occupationCode: 'occupation',
  category: 'category',
  township: 'township',
};

/**
 * Free-text search of published openings. The engine finds the hits, filters and counts
 * facets; the order of a text query's hits is decided here by one relevance function
 * (then freshness, then id), so Meilisearch and the embedded engine answer alike.
 */
@injectable()
export class SearchService {
  constructor(
    @inject(TOKENS.Store) private readonly store: MatchStore,
    @inject(TOKENS.Engine) private readonly engine: SearchEngine,
    @inject(TOKENS.Indexer) private readonly indexer: Indexer,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Calendar) private readonly calendar: CountyCalendar,
  ) {}

  async searchOpenings(q: SearchQuery): Promise<SearchResponse> {
    const limit = q.limit ?? 20;
    const offset = decodeNumericCursor(q.cursor) ?? 0;
    const filters = this.filters(q);
    const terms = q.q ? queryTerms(q.q) : [];
    const facets = Object.keys(FACETS);
    let ids: string[];
    let total: number;
    let engineFacets: Record<string, Record<string, number>>;
    const relevance = new Map<string, number>();
    if (terms.length === 0) {
      const r = await this.engine.search('openings', {
        terms,
        filters,
        facets,
        sort: [
          { field: 'publishedAtTs', order: 'desc' },
          { field: 'id', order: 'asc' },
        ],
        offset,
        limit,
      });
      ({ ids, total } = r);
      engineFacets = r.facets;
    } else {
      const r = await this.engine.search('openings', { terms, filters, facets, offset: 0, limit: RERANK_WINDOW });
      for (const id of r.ids) {
        const t = this.indexer.terms.get(id);
        relevance.set(id, t ? Math.round(textRelevance(terms, t) * 1000) / 1000 : 0);
      }
      const published = (id: string) => this.store.openings.get(id)?.snap.publishedAt ?? '';
      const ranked = [...r.ids].sort(
        (a, b) =>
          relevance.get(b)! - relevance.get(a)! ||
          published(b).localeCompare(published(a)) ||
          (a < b ? -1 : a > b ? 1 : 0),
      );
      ids = ranked.slice(offset, offset + limit);
      total = r.total;
      engineFacets = r.facets;
    }
    const items = ids.flatMap((id) => {
      const o = this.store.openings.get(id)?.snap;
      if (!o) return [];
      const worksiteName = regionName(o.worksiteRegionCode);
      const occupation = this.taxonomy.resolve(o.occupationCode) ?? o.occupationCode;
      return [
        {
          id,
          openingId: id,
          score: relevance.get(id) ?? 0,
          title: o.title,
          employerId: o.employerId,
          employerName: o.employerName,
          occupationCode: occupation,
          category: o.category ?? this.taxonomy.get(occupation)?.category ?? '',
          tier: o.tier,
          worksiteRegionCode: o.worksiteRegionCode,
          ...(worksiteName ? { worksiteName } : {}),
          wageMin: o.wageMin,
          wageMax: o.wageMax,
          benefits: o.benefits,
          reservedForPoor: o.reservedForPoor,
          headcount: o.headcount,
          filledCount: o.filledCount,
          ...(o.publishedAt ? { publishedAt: o.publishedAt } : {}),
          ...(o.closingDate ? { closingDate: o.closingDate } : {}),
        },
      ];
    });
    const out: SearchResponse = {
      items,
      total,
      facets: { tier: {}, occupation: {}, category: {}, township: {} },
    };
    for (const [field, name] of Object.entries(FACETS)) out.facets[name] = engineFacets[field] ?? {};
    if (offset + limit < total) out.nextCursor = encodeCursor(offset + limit);
    return out;
  }

  /** The engine's filter clauses of a query (also what a saved search's filters mean); throws on unknown values. */
  filters(q: Omit<SearchQuery, 'q' | 'limit' | 'cursor'>): FilterClause[] {
    const today = Number(this.calendar.dateOf(this.clock()).replaceAll('-', ''));
    // A closing date passes without an event: filtered at query time.
    const f: FilterClause[] = [{ field: 'closingDay', op: '>=', value: today }];
    if (q.tier) f.push({ field: 'tier', op: '=', value: q.tier });
    if (q.occupation) {
      const code = this.taxonomy.resolve(q.occupation);
      if (!code) throw unknownOccupation();
      f.push({ field: 'occupationCode', op: '=', value: code });
    }
    if (q.category) {
      if (!this.taxonomy.categories().includes(q.category)) {
        throw unknownCategory(this.taxonomy.categories());
      }
      f.push({ field: 'category', op: '=', value: q.category });
    }
    if (q.township) f.push({ field: 'township', op: '=', value: q.township });
    if (q.region) f.push({ field: 'regionPrefixes', op: '=', value: q.region });
    // wageMin: openings that can pay at least this much.
    if (q.wageMin !== undefined) f.push({ field: 'wageMax', op: '>=', value: q.wageMin });
    for (const b of ['housing', 'meals', 'socialInsurance', 'reservedForPoor'] as const) {
      if (q[b] !== undefined) f.push({ field: b, op: '=', value: q[b] });
    }
    return f;
  }
}
