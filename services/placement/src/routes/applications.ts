import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import {
  ApplicationInput,
  ApplicationListQuery,
  ApplicationPatch,
  ApplicationView,
  InterviewInput,
} from '../domain/schemas.ts';
import type { ApplicationService } from '../use-cases/application-service.ts';

const route = routeGroup(['applications'], [400, 401, 403, 404]);

/** Applications and referrals (推荐). */
export async function applicationRoutes(app: ServiceApp, service: ApplicationService): Promise<void> {
  app.post(
    '/api/v1/applications',
    route(
      'Apply to an open opening, or refer a worker of your villages (推荐)',
      { 201: ApplicationView },
      { roles: ['worker', 'officer', 'admin'], body: ApplicationInput, problems: [409] },
    ),
    async (request, reply) => reply.status(201).send(await service.submit(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/applications',
    route(
      'Applications in your scope: an employer its openings, a worker their own, an officer their villages',
      { 200: Page(ApplicationView) },
      { querystring: ApplicationListQuery },
    ),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/applications/:id',
    route('Read an application with its history', { 200: ApplicationView }, { params: IdParams }),
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/applications/:id',
    route(
      'Move an application: the employer along the pipeline or to rejected, the worker or officer to withdrawn',
      { 200: ApplicationView },
      { params: IdParams, body: ApplicationPatch, problems: [409] },
    ),
    async (request) => service.move(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/applications/:id/interview',
    route(
      "Set or change the interview's time and place (the employer, while the application is in interview); announced to the worker",
      { 200: ApplicationView },
      { roles: ['employer', 'admin'], params: IdParams, body: InterviewInput, problems: [409] },
    ),
    async (request) => service.scheduleInterview(principalOf(request), request.params.id, request.body),
  );
}
