import { type ServiceApp, Page, principalOf, IdParams } from '@tongxin/service-platform';
import { OpeningInput, OpeningListQuery, OpeningPatch, OpeningView } from '../domain/schemas.ts';
import type { OpeningService } from '../use-cases/opening-service.ts';

const P = { $ref: 'Problem' };
const problems = { 400: P, 401: P, 403: P, 404: P };
const tags = ['openings'];

/** Opening routes; reads are public (workers and anonymous callers see open openings of verified employers). */
export async function openingRoutes(app: ServiceApp, service: OpeningService): Promise<void> {
  app.post(
    '/api/v1/openings',
    {
      config: { roles: ['admin', 'officer', 'employer'] },
      schema: {
        tags,
        summary: 'Post an opening (a draft, or open at once for a verified employer)',
        description: 'The tier is derived from worksiteRegionCode and the home county; it is never accepted as input.',
        body: OpeningInput,
        response: { 201: OpeningView, ...problems, 409: P },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/openings',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'List openings',
        security: [],
        querystring: OpeningListQuery,
        response: { 200: Page(OpeningView), ...problems },
      },
    },
    async (request) => service.list(request.principal, request.query),
  );

  app.get(
    '/api/v1/openings/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Read an opening',
        security: [],
        params: IdParams,
        response: { 200: OpeningView, ...problems },
      },
    },
    async (request) => service.get(request.principal, request.params.id),
  );

  app.patch(
    '/api/v1/openings/:id',
    {
      config: { roles: ['admin', 'officer', 'employer'] },
      schema: {
        tags,
        summary: 'Update an opening, or move it: draft → open ⇄ paused, → closed',
        description: 'filled is reached by hires at the headcount, not on request; a closed opening no longer changes.',
        params: IdParams,
        body: OpeningPatch,
        response: { 200: OpeningView, ...problems, 409: P },
      },
    },
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );
}
