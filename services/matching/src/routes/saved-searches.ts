import { Type } from '@sinclair/typebox';
import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import { SavedSearchInput, SavedSearchList, SavedSearchParams, SavedSearchView } from '../domain/schemas.ts';
import type { SavedSearchService } from '../use-cases/saved-search-service.ts';

const route = routeGroup(['matching'], [400, 401, 403], { roles: ['worker'] });

/** A worker's saved searches: told of new openings that answer them (saved-search.matched). */
export async function savedSearchRoutes(app: ServiceApp, service: SavedSearchService): Promise<void> {
  app.post(
    '/api/v1/saved-searches',
    route(
      'Keep a search (text and the filters of /search/openings) to be told of new openings that answer it',
      { 201: SavedSearchView },
      { body: SavedSearchInput, problems: [409] },
    ),
    async (request, reply) => reply.status(201).send(await service.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/saved-searches',
    route('Your saved searches, oldest first', { 200: SavedSearchList }, {}),
    async (request) => service.list(principalOf(request)),
  );

  app.delete(
    '/api/v1/saved-searches/:id',
    route('Delete one of your saved searches', { 204: Type.Null() }, { params: SavedSearchParams, problems: [404] }),
    async (request, reply) => {
      await service.delete(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
