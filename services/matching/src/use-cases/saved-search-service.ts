import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import { type Pool, withTransaction } from '@tongxin/db';
import { notFound } from '@tongxin/service-platform';
import type { SavedSearchFilters } from '../domain/saved-search.ts';
import type { SavedSearchInput, SavedSearchView } from '../domain/schemas.ts';
import { savedSearchLimit, savedSearchesAreWorkers } from '../errors.ts';
import type { SavedSearchRecord, SavedSearchRepository } from '../repositories/saved-search-repository.ts';
import type { Clock } from '../tokens.ts';
import type { SearchService } from './search-service.ts';

/** How many saved searches one worker keeps. */
export const SAVED_SEARCH_LIMIT = 20;

const FILTER_KEYS = [
  'tier',
  'occupation',
  'category',
  'township',
  'region',
  'wageMin',
  'housing',
  'meals',
  'socialInsurance',
  'reservedForPoor',
] as const;

/** A worker's own saved searches: kept, listed, deleted; matched against new openings by OpeningAlerts. */
export class SavedSearchService {
  constructor(
    private readonly pool: Pool,
    private readonly repo: SavedSearchRepository,
    private readonly search: SearchService,
    private readonly clock: Clock,
  ) {}

  async create(p: Principal, input: SavedSearchInput): Promise<SavedSearchView> {
    const workerId = this.workerOf(p);
    const filters: SavedSearchFilters = {};
    for (const k of FILTER_KEYS) if (input[k] !== undefined) Object.assign(filters, { [k]: input[k] });
    // The same checks as the search itself: an unknown occupation or category is refused by name.
    this.search.filters(filters);
    const query = input.q?.trim() ?? '';
    const name = input.name?.trim() || query || filters.occupation || '我的搜索';
    const record = await withTransaction(this.pool, async (tx) => {
      // One worker's saves one at a time, so two at once cannot pass the limit together.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`saved-search:${workerId}`]);
      // Saving the same search again (a retry) answers the one kept.
      const same = await this.repo.findSame(tx, workerId, query, filters);
      if (same) return same;
      if ((await this.repo.countOf(tx, workerId)) >= SAVED_SEARCH_LIMIT) throw savedSearchLimit(SAVED_SEARCH_LIMIT);
      return this.repo.insert(tx, { id: randomUUID(), workerId, name, query, filters }, this.clock());
    });
    return viewOf(record);
  }

  async list(p: Principal): Promise<{ items: SavedSearchView[] }> {
    return { items: (await this.repo.ofWorker(this.pool, this.workerOf(p))).map(viewOf) };
  }

  async delete(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.delete(this.pool, id, this.workerOf(p)))) throw notFound('saved search', id);
  }

  private workerOf(p: Principal): string {
    if (p.role !== 'worker' || !p.workerId) throw savedSearchesAreWorkers();
    return p.workerId;
  }
}

const viewOf = (s: SavedSearchRecord): SavedSearchView => ({
  id: s.id,
  workerId: s.workerId,
  name: s.name,
  ...(s.query ? { q: s.query } : {}),
  filters: s.filters,
  createdAt: s.createdAt,
});
