import { type ServiceApp, Page, principalOf, IdParams, problemResponses } from '@tongxin/service-platform';
import {
  BatchInput,
  BatchListQuery,
  BatchPatch,
  BatchView,
  CourseInput,
  CourseListQuery,
  CourseView,
} from '../domain/schemas.ts';
import type { CourseService } from '../use-cases/course-service.ts';

const problems = problemResponses(400, 401, 403, 404);
const managers = { roles: ['officer' as const, 'admin' as const] };

/** The course catalogue and its batches; thin: the schema validates, the service decides. */
export async function courseRoutes(app: ServiceApp, service: CourseService): Promise<void> {
  app.post(
    '/api/v1/courses',
    {
      config: managers,
      schema: {
        tags: ['courses'],
        summary: 'Create a course',
        body: CourseInput,
        response: { 201: CourseView, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createCourse(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/courses',
    {
      schema: {
        tags: ['courses'],
        summary: 'List courses',
        querystring: CourseListQuery,
        response: { 200: Page(CourseView), ...problems },
      },
    },
    async (request) => service.listCourses(request.query),
  );
  app.get(
    '/api/v1/courses/:id',
    {
      schema: {
        tags: ['courses'],
        summary: 'Read a course',
        params: IdParams,
        response: { 200: CourseView, ...problems },
      },
    },
    async (request) => service.getCourse(request.params.id),
  );
  app.post(
    '/api/v1/courses/:id/batches',
    {
      config: managers,
      schema: {
        tags: ['batches'],
        summary: 'Schedule a batch (期) of a course',
        params: IdParams,
        body: BatchInput,
        response: { 201: BatchView, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createBatch(principalOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/batches',
    {
      schema: {
        tags: ['batches'],
        summary: 'List batches',
        querystring: BatchListQuery,
        response: { 200: Page(BatchView), ...problems },
      },
    },
    async (request) => service.listBatches(request.query),
  );
  app.get(
    '/api/v1/batches/:id',
    {
      schema: {
        tags: ['batches'],
        summary: 'Read a batch',
        params: IdParams,
        response: { 200: BatchView, ...problems },
      },
    },
    async (request) => service.getBatch(request.params.id),
  );
  app.patch(
    '/api/v1/batches/:id',
    {
      config: managers,
      schema: {
        tags: ['batches'],
        summary:
          'Move a batch (scheduled → open → running → finished; cancelled before it ends) or change its capacity',
        params: IdParams,
        body: BatchPatch,
        response: { 200: BatchView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request) => service.updateBatch(principalOf(request), request.params.id, request.body as BatchPatch),
  );
}
