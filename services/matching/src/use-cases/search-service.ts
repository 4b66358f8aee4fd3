import { type CountyCalendar, decodeNumericCursor, encodeCursor } from '@tongxin/service-platform';
import { parentOf, regionName } from '@tongxin/regions';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import type { ApplicationMark, MatchStore } from '../domain/match-store.ts';
import type { SearchQuery, SearchResponse } from '../domain/schemas.ts';
import { textRelevance } from '../domain/search-documents.ts';
import { unknownCategory, unknownOccupation } from '../errors.ts';
import { queryTerms } from '../domain/text-terms.ts';
import type { FilterClause, SearchEngine, SortClause } from '../search/search-engine.ts';
import { spreadFirstPage } from '../domain/diversity.ts';
import { type Understood, type WorkKind, hasParts, understandQuery } from '../domain/query-understanding.ts';
import type { OpeningSnapshot, Tier } from '../domain/snapshots.ts';
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

/** Why a hit was added by broadening a search that found fewer than a page. */
type Broadened =
  { reason: 'related_occupation'; occupationCode: string } | { reason: 'wider_area'; regionCode: string };

/** A signed-in worker's marks on one hit. */
function markOf(mark: ApplicationMark | undefined) {
  return {
    applied: mark !== undefined,
    ...(mark ? { applicationStatus: mark.status } : {}),
    referred: mark?.referred ?? false,
  };
}

/** What a kind of work the query names adds to relevance: as much as a word found in the opening's other text. */
const KIND_BOOST = 1;

/** Whether an opening is of the kind of work asked for, from its contract or its own words. */
export function kindFits(kind: WorkKind, o: OpeningSnapshot): boolean {
  const text = `${o.title} ${o.description ?? ''} ${o.hours ?? ''}`;
  const months = o.contractMonths;
  switch (kind) {
    case 'long_term':
      return o.contractType === 'open_ended' || (months !== undefined && months >= 12) || /长期|稳定/.test(text);
    case 'short_term':
      return (
        o.contractType === 'seasonal' ||
        o.contractType === 'part_time' ||
        (months !== undefined && months < 6) ||
        /短期|临时|零工|季节/.test(text)
      );
    case 'daily_pay':
      return /日结|当天结/.test(text);
    case 'live_in':
      return /住家/.test(text);
  }
}

/**
 * The filters an understood query adds: the occupation (as the opening's occupation or one of
 * its required skills), the place (a region prefix, or the tiers it allows), each benefit, and
 * the lowest wage (openings that can pay it). `occupation` and `region` may be replaced when
 * broadening.
 */
export function partFilters(u: Understood, occupation: string | undefined, region: string | undefined): FilterClause[] {
  const f: FilterClause[] = [];
  if (occupation) f.push({ field: 'occupations', op: '=', value: occupation });
  if (region) f.push({ field: 'regionPrefixes', op: '=', value: region });
  const tiers = u.region?.tiers;
  if (tiers?.length === 1) f.push({ field: 'tier', op: '=', value: tiers[0]! });
  else if (tiers?.length === 2) {
    const other = (['in_county', 'in_province', 'out_of_province'] as const).find((t) => !tiers.includes(t))!;
    f.push({ field: 'tier', op: '!=', value: other });
  }
  for (const b of new Set(u.benefits.flatMap((x) => x.includes))) f.push({ field: b, op: '=', value: true });
  if (u.wage) f.push({ field: 'wageMax', op: '>=', value: u.wage.min });
  return f;
}

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

  /**
   * `viewer`: the worker searching, when signed in; broadening to a wider area then stays
   * within the tiers they accept.
   */
  async searchOpenings(q: SearchQuery, viewer?: { workerId?: string }): Promise<SearchResponse> {
    const limit = q.limit ?? 20;
    const offset = decodeNumericCursor(q.cursor) ?? 0;
    const base = this.filters(q);
    const facets = Object.keys(FACETS);
    const understood = q.q ? understandQuery(this.taxonomy, q.q) : undefined;
    const relevance = new Map<string, number>();
    const broadened = new Map<string, Broadened>();
    const published = (id: string) => this.store.openings.get(id)?.snap.publishedAt ?? '';
    const byRelevance = (a: string, b: string) =>
      relevance.get(b)! - relevance.get(a)! || published(b).localeCompare(published(a)) || (a < b ? -1 : a > b ? 1 : 0);
    const NEWEST: SortClause[] = [
      { field: 'publishedAtTs', order: 'desc' },
      { field: 'id', order: 'asc' },
    ];
    let ranked: string[];
    let total: number;
    let engineFacets: Record<string, Record<string, number>>;
    if (!understood) {
      const r = await this.engine.search('openings', {
        terms: [],
        filters: base,
        facets,
        sort: NEWEST,
        offset: 0,
        limit: RERANK_WINDOW,
      });
      ({ ids: ranked, total, facets: engineFacets } = r);
    } else {
      const terms = queryTerms(q.q!);
      const score = (ids: string[]) => {
        for (const id of ids) {
          if (relevance.has(id)) continue;
          const t = this.indexer.terms.get(id);
          const o = this.store.openings.get(id)?.snap;
          const kind = understood.kind && o && kindFits(understood.kind.kind, o) ? KIND_BOOST : 0;
          relevance.set(id, Math.round(((t ? textRelevance(terms, t) : 0) + kind) * 1000) / 1000);
        }
        return [...ids].sort(byRelevance);
      };
      if (!hasParts(understood)) {
        // Nothing but free text: the engines read it (typos, pinyin, the first word required).
        const r = await this.engine.search('openings', {
          terms,
          filters: base,
          facets,
          offset: 0,
          limit: RERANK_WINDOW,
        });
        ranked = score(r.ids);
        ({ total, facets: engineFacets } = r);
      } else {
        // Parts are filters; the whole query's text only orders what they let through.
        const occupation = understood.occupation?.code;
        const region = understood.region?.code;
        const find = async (occ: string | undefined, reg: string | undefined) =>
          this.engine.search('openings', {
            terms: [],
            filters: [...base, ...partFilters(understood, occ, reg)],
            facets,
            sort: NEWEST,
            offset: 0,
            limit: RERANK_WINDOW,
          });
        const r = await find(occupation, region);
        ranked = score(r.ids);
        ({ total, facets: engineFacets } = r);
        if (offset === 0 && ranked.length < limit) {
          // Broadening (fewer than a page): related occupations first, then a wider area within the
          // tiers the worker accepts. Filters the query set (benefits, wage, parameters) still hold.
          const seen = new Set(ranked);
          const accepted = this.acceptedTiers(viewer?.workerId);
          const more = (ids: string[], why: Broadened) => {
            for (const id of score(ids)) {
              if (ranked.length >= limit) return;
              const tier = this.store.openings.get(id)?.snap.tier;
              if (seen.has(id) || (accepted && tier && !accepted.includes(tier))) continue;
              seen.add(id);
              ranked.push(id);
              broadened.set(id, why);
            }
          };
          for (const rel of occupation ? this.taxonomy.related(occupation) : []) {
            if (ranked.length >= limit) break;
            more((await find(rel, region)).ids, { reason: 'related_occupation', occupationCode: rel });
          }
          for (let wider = region && parentOf(region); wider && ranked.length < limit; wider = parentOf(wider)) {
            more((await find(occupation, wider)).ids, { reason: 'wider_area', regionCode: wider });
          }
          total = Math.max(total, ranked.length);
        }
      }
    }
    const employerOf = (id: string) => this.store.openings.get(id)?.snap.employerId ?? id;
    // A signed-in worker's own marks; an anonymous search (or another role) carries none.
    const marks = viewer?.workerId ? (this.store.applications.get(viewer.workerId) ?? new Map()) : undefined;
    const ids = spreadFirstPage(ranked, employerOf, limit).slice(offset, offset + limit);
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
          ...(broadened.has(id) ? { broadened: broadened.get(id)! } : {}),
          ...(marks ? markOf(marks.get(id)) : {}),
        },
      ];
    });
    const out: SearchResponse = {
      items,
      total,
      facets: { tier: {}, occupation: {}, category: {}, township: {} },
      ...(understood ? { understood } : {}),
    };
    for (const [field, name] of Object.entries(FACETS)) out.facets[name] = engineFacets[field] ?? {};
    if (offset + limit < total) out.nextCursor = encodeCursor(offset + limit);
    return out;
  }

  /** The tiers a signed-in worker accepts, or undefined for anyone else. */
  acceptedTiers(workerId: string | undefined): Tier[] | undefined {
    const prefs = workerId ? this.store.workers.get(workerId)?.snap.tierPreferences : undefined;
    return prefs?.length ? prefs : undefined;
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
