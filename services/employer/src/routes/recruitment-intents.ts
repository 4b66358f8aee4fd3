import { type ServiceApp, Page, principalOf, IdParams } from '@tongxin/service-platform';
import { IntentInput, IntentListQuery, IntentPatch, IntentView } from '../domain/schemas.ts';
import type { IntentService } from '../use-cases/intent-service.ts';

const P = { $ref: 'Problem' };
const problems = { 400: P, 401: P, 403: P, 404: P };
const tags = ['recruitment-intents'];
const config = { roles: ['admin' as const, 'officer' as const, 'employer' as const] };

/** Recruitment intent routes (招聘意向). */
export async function intentRoutes(app: ServiceApp, service: IntentService): Promise<void> {
  app.post(
    '/api/v1/recruitment-intents',
    {
      config,
      schema: {
        tags,
        summary: 'Record a recruitment intent: N workers from the county by a date',
        body: IntentInput,
        response: { 201: IntentView, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await service.record(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/recruitment-intents',
    {
      config,
      schema: {
        tags,
        summary: 'List recruitment intents with their progress',
        querystring: IntentListQuery,
        response: { 200: Page(IntentView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/recruitment-intents/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Read a recruitment intent',
        params: IdParams,
        response: { 200: IntentView, ...problems },
      },
    },
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/recruitment-intents/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Change a recruitment intent',
        params: IdParams,
        body: IntentPatch,
        response: { 200: IntentView, ...problems },
      },
    },
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );
}
