import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type ServiceApp, Page, principalOf } from '@tongxin/service-platform';
import { WorkerInput, WorkerListQuery, WorkerPatch, WorkerView } from './schemas.ts';
import type { ReadContext, WorkerService } from './worker-service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const problems = {
  400: { $ref: 'Problem' },
  401: { $ref: 'Problem' },
  403: { $ref: 'Problem' },
  404: { $ref: 'Problem' },
};
const tags = ['workers'];

/** Registry routes (信息登记台账); thin: the schema validates, the service decides. */
export async function workerRoutes(app: ServiceApp, service: WorkerService): Promise<void> {
  const ctx = (request: FastifyRequest): ReadContext => {
    const purpose = request.headers['x-access-purpose'];
    return {
      principal: principalOf(request),
      requestId: request.id,
      ...(typeof purpose === 'string' ? { purpose: purpose.slice(0, 200) } : {}),
    };
  };

  app.post(
    '/api/v1/workers',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Register a worker (信息登记)',
        body: WorkerInput,
        response: { 201: WorkerView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request, reply) => reply.status(201).send(await service.register(ctx(request), request.body)),
  );

  app.get(
    '/api/v1/workers',
    {
      schema: {
        tags,
        summary: 'List workers in your scope',
        querystring: WorkerListQuery,
        response: { 200: Page(WorkerView), ...problems },
      },
    },
    async (request) => service.list(ctx(request), request.query),
  );

  app.get(
    '/api/v1/workers/:id',
    { schema: { tags, summary: 'Read a worker', params: IdParams, response: { 200: WorkerView, ...problems } } },
    async (request) => service.get(ctx(request), request.params.id),
  );

  app.patch(
    '/api/v1/workers/:id',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Update a worker',
        params: IdParams,
        body: WorkerPatch,
        response: { 200: WorkerView, ...problems },
      },
    },
    async (request) => service.update(ctx(request), request.params.id, request.body),
  );
}
