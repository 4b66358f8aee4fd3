import { type ServiceApp, Page, principalOf, IdParams, problemResponses } from '@tongxin/service-platform';
import { EnrollmentInput, EnrollmentListQuery, EnrollmentPatch, EnrollmentView } from '../domain/schemas.ts';
import type { EnrollmentService } from '../use-cases/enrollment-service.ts';

const problems = problemResponses(400, 401, 403, 404, 409);
const tags = ['enrollments'];

/** Enrolment routes. */
export async function enrollmentRoutes(app: ServiceApp, service: EnrollmentService): Promise<void> {
  app.post(
    '/api/v1/batches/:id/enrollments',
    {
      config: { roles: ['officer', 'admin', 'worker'] },
      schema: {
        tags,
        summary: 'Enrol a worker in a batch',
        params: IdParams,
        body: EnrollmentInput,
        response: { 201: EnrollmentView, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.enrol(principalOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/enrollments',
    {
      schema: {
        tags,
        summary: 'List enrolments in your scope',
        querystring: EnrollmentListQuery,
        response: { 200: Page(EnrollmentView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query as EnrollmentListQuery),
  );
  app.get(
    '/api/v1/enrollments/:id',
    {
      schema: { tags, summary: 'Read an enrolment', params: IdParams, response: { 200: EnrollmentView, ...problems } },
    },
    async (request) => service.get(principalOf(request), request.params.id),
  );
  app.patch(
    '/api/v1/enrollments/:id',
    {
      schema: {
        tags,
        summary:
          'Move an enrolment (enrolled → attending → completed | failed; dropped), record attendance, result and certificate',
        params: IdParams,
        body: EnrollmentPatch,
        response: { 200: EnrollmentView, ...problems },
      },
    },
    async (request) => service.update(principalOf(request), request.params.id, request.body as EnrollmentPatch),
  );
}
