import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
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

const coursesRoute = routeGroup(['courses'], [400, 401, 403, 404]);
const batchesRoute = routeGroup(['batches'], [400, 401, 403, 404]);

/** The course catalogue and its batches; thin: the schema validates, the service decides. */
export async function courseRoutes(app: ServiceApp, service: CourseService): Promise<void> {
  app.post(
    '/api/v1/courses',
    coursesRoute('Create a course', { 201: CourseView }, { roles: ['officer', 'admin'], body: CourseInput }),
    async (request, reply) => reply.status(201).send(await service.createCourse(principalOf(request), request.body)),
  );
  app.get(
    '/api/v1/courses',
    coursesRoute('List courses', { 200: Page(CourseView) }, { querystring: CourseListQuery }),
    async (request) => service.listCourses(request.query),
  );
  app.get(
    '/api/v1/courses/:id',
    coursesRoute('Read a course', { 200: CourseView }, { params: IdParams }),
    async (request) => service.getCourse(request.params.id),
  );
  app.post(
    '/api/v1/courses/:id/batches',
    batchesRoute(
      'Schedule a batch (期) of a course',
      { 201: BatchView },
      { roles: ['officer', 'admin'], params: IdParams, body: BatchInput },
    ),
    async (request, reply) =>
      reply.status(201).send(await service.createBatch(principalOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/v1/batches',
    batchesRoute('List batches', { 200: Page(BatchView) }, { querystring: BatchListQuery }),
    async (request) => service.listBatches(request.query),
  );
  app.get(
    '/api/v1/batches/:id',
    batchesRoute('Read a batch', { 200: BatchView }, { params: IdParams }),
    async (request) => service.getBatch(request.params.id),
  );
  app.patch(
    '/api/v1/batches/:id',
    batchesRoute(
      'Move a batch (scheduled → open → running → finished; cancelled before it ends) or change its capacity',
      { 200: BatchView },
      { roles: ['officer', 'admin'], params: IdParams, body: BatchPatch, problems: [409] },
    ),
    async (request) => service.updateBatch(principalOf(request), request.params.id, request.body as BatchPatch),
  );
}
