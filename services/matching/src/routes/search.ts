import type { ServiceApp } from '@tongxin/service-platform';
import { type Freshness, FRESHNESS_HEADER, freshnessHeader } from '../errors.ts';
import { FRESHNESS_DOC } from './matches.ts';
import { SearchQuery, SearchResponse } from '../domain/schemas.ts';
import type { SearchService } from '../use-cases/search-service.ts';

/** Public free-text search of published openings, with filters and facet counts. */
export async function searchRoutes(
  app: ServiceApp,
  service: SearchService,
  readModelFreshness: () => Promise<Freshness> = async () => ({ eventsBehind: 0, secondsBehind: 0 }),
): Promise<void> {
  app.get(
    '/api/v1/search/openings',
    {
      config: { public: true },
      schema: {
        tags: ['matching'],
        summary: 'Search published openings (Chinese, pinyin, typos) with filters and facets',
        description: FRESHNESS_DOC,
        security: [],
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: { $ref: 'Problem' } },
      },
    },
    // Public; a signed-in worker's accepted tiers bound how far a search with few results widens,
    // and their hits carry their own marks (applied, referred).
    async (request, reply) => {
      reply.header(FRESHNESS_HEADER, freshnessHeader(await readModelFreshness()));
      const workerId = request.principal?.role === 'worker' ? request.principal.workerId : undefined;
      return service.searchOpenings(request.query, request.principal?.role === 'worker' ? { workerId } : undefined);
    },
  );
}
