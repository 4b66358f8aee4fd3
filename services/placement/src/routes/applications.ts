import { type ServiceApp, Page, principalOf, IdParams, problemResponses } from '@tongxin/service-platform';
import { ApplicationInput, ApplicationListQuery, ApplicationPatch, ApplicationView } from '../domain/schemas.ts';
import type { ApplicationService } from '../use-cases/application-service.ts';

const problems = problemResponses(400, 401, 403, 404);
const tags = ['applications'];

/** Applications and referrals (推荐). */
export async function applicationRoutes(app: ServiceApp, service: ApplicationService): Promise<void> {
  app.post(
    '/api/v1/applications',
    {
      config: { roles: ['worker', 'officer', 'admin'] },
      schema: {
        tags,
        summary: 'Apply to an open opening, or refer a worker of your villages (推荐)',
        body: ApplicationInput,
        response: { 201: ApplicationView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => reply.status(201).send(await service.submit(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/applications',
    {
      schema: {
        tags,
        summary: 'Applications in your scope: an employer its openings, a worker their own, an officer their villages',
        querystring: ApplicationListQuery,
        response: { 200: Page(ApplicationView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        summary: 'Read an application with its history',
        params: IdParams,
        response: { 200: ApplicationView, ...problems },
      },
    },
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/applications/:id',
    {
      schema: {
        tags,
        summary:
          'Move an application: the employer along the pipeline or to rejected, the worker or officer to withdrawn',
        params: IdParams,
        body: ApplicationPatch,
        response: { 200: ApplicationView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request) => service.move(principalOf(request), request.params.id, request.body),
  );
}
