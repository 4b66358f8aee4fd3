import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import { EnrollmentInput, EnrollmentListQuery, EnrollmentPatch, EnrollmentView } from '../domain/schemas.ts';
import type { EnrollmentService } from '../use-cases/enrollment-service.ts';

const route = routeGroup(['enrollments'], [400, 401, 403, 404, 409]);

/** Enrolment routes. */
export async function enrollmentRoutes(app: ServiceApp, service: EnrollmentService): Promise<void> {
  app.post(
    '/api/v1/batches/:id/enrollments',
    route(
      'Enrol a worker in a batch',
      { 201: EnrollmentView },
      { roles: ['officer', 'admin', 'worker'], params: IdParams, body: EnrollmentInput },
    ),
    async (request, reply) =>
      reply.status(201).send(await service.enrol(principalOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/enrollments',
    route('List enrolments in your scope', { 200: Page(EnrollmentView) }, { querystring: EnrollmentListQuery }),
    async (request) => service.list(principalOf(request), request.query as EnrollmentListQuery),
  );
  app.get(
    '/api/v1/enrollments/:id',
    route('Read an enrolment', { 200: EnrollmentView }, { params: IdParams }),
    async (request) => service.get(principalOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/enrollments/:id',
    route(
      'Move an enrolment (enrolled → attending → completed | failed; dropped), record attendance, result and certificate',
      { 200: EnrollmentView },
      { params: IdParams, body: EnrollmentPatch },
    ),
    async (request) => service.update(principalOf(request), request.params.id, request.body as EnrollmentPatch),
  );
}
