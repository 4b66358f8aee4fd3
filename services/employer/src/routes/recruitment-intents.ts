import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import { IntentInput, IntentListQuery, IntentPatch, IntentView } from '../domain/schemas.ts';
import type { IntentService } from '../use-cases/intent-service.ts';

const route = routeGroup(['recruitment-intents'], [400, 401, 403, 404], { roles: ['admin', 'officer', 'employer'] });

/** Recruitment intent routes (招聘意向). */
export async function intentRoutes(app: ServiceApp, service: IntentService): Promise<void> {
  app.post(
    '/api/v1/recruitment-intents',
    route(
      'Record a recruitment intent: N workers from the county by a date',
      { 201: IntentView },
      { body: IntentInput },
    ),
    async (request, reply) => reply.status(201).send(await service.record(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/recruitment-intents',
    route('List recruitment intents with their progress', { 200: Page(IntentView) }, { querystring: IntentListQuery }),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/recruitment-intents/:id',
    route('Read a recruitment intent', { 200: IntentView }, { params: IdParams }),
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/recruitment-intents/:id',
    route('Change a recruitment intent', { 200: IntentView }, { params: IdParams, body: IntentPatch }),
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );
}
