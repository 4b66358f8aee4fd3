import type { ServiceApp } from '@tongxin/service-platform';
import { SearchQuery, SearchResponse } from '../domain/schemas.ts';
import type { SearchService } from '../use-cases/search-service.ts';

/** Public free-text search of published openings, with filters and facet counts. */
export async function searchRoutes(app: ServiceApp, service: SearchService): Promise<void> {
  app.get(
    '/api/v1/search/openings',
    {
      config: { public: true },
      schema: {
        tags: ['matching'],
        summary: 'Search published openings (Chinese, pinyin, typos) with filters and facets',
        security: [],
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: { $ref: 'Problem' } },
      },
    },
    async (request) => service.searchOpenings(request.query),
  );
}
