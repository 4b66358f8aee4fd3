import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import { OpeningInput, OpeningListQuery, OpeningPatch, OpeningView } from '../domain/schemas.ts';
import type { OpeningService } from '../use-cases/opening-service.ts';

const route = routeGroup(['openings'], [400, 401, 403, 404]);

/** Opening routes; reads are public (workers and anonymous callers see open openings of verified employers). */
export async function openingRoutes(app: ServiceApp, service: OpeningService): Promise<void> {
  app.post(
    '/api/v1/openings',
    route(
      'Post an opening (a draft, or open at once for a verified employer)',
      { 201: OpeningView },
      {
        roles: ['admin', 'officer', 'employer'],
        description: 'The tier is derived from worksiteRegionCode and the home county; it is never accepted as input.',
        body: OpeningInput,
        problems: [409],
      },
    ),
    async (request, reply) => reply.status(201).send(await service.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/openings',
    route('List openings', { 200: Page(OpeningView) }, { public: true, querystring: OpeningListQuery }),
    async (request) => service.list(request.principal, request.query),
  );

  app.get(
    '/api/v1/openings/:id',
    route('Read an opening', { 200: OpeningView }, { public: true, params: IdParams }),
    async (request) => service.get(request.principal, request.params.id),
  );

  app.patch(
    '/api/v1/openings/:id',
    route(
      'Update an opening, or move it: draft → open ⇄ paused, → closed',
      { 200: OpeningView },
      {
        roles: ['admin', 'officer', 'employer'],
        description: 'filled is reached by hires at the headcount, not on request; a closed opening no longer changes.',
        params: IdParams,
        body: OpeningPatch,
        problems: [409],
      },
    ),
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );
}
