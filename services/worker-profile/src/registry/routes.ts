import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { type ServiceApp, IdParams, Page, principalOf, routeGroup } from '@tongxin/service-platform';
import { WorkerInput, WorkerListQuery, WorkerPatch, WorkerView } from './schemas.ts';
import type { ReadContext, WorkerService } from './worker-service.ts';

const PendingChangeParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  changeId: Type.String({ format: 'uuid' }),
});

const route = routeGroup(['workers'], [400, 401, 403, 404]);

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
    route(
      'Register a worker (信息登记)',
      { 201: WorkerView },
      { roles: ['officer', 'admin'], body: WorkerInput, problems: [409] },
    ),
    async (request, reply) => reply.status(201).send(await service.register(ctx(request), request.body)),
  );

  app.post(
    '/api/v1/workers/identify',
    route(
      'Find the worker with this ID number and this phone on record (administrators: the gateway activating an account)',
      { 200: Type.Object({ workerId: Type.String({ format: 'uuid' }), name: Type.String() }) },
      {
        roles: ['admin'],
        body: Type.Object(
          {
            idNumber: Type.String({ pattern: '^[0-9]{17}[0-9Xx]$' }),
            phone: Type.String({ pattern: '^1[3-9][0-9]{9}$' }),
          },
          { additionalProperties: false },
        ),
      },
    ),
    async (request) => service.identify(ctx(request), request.body),
  );

  app.get(
    '/api/v1/workers',
    route('List workers in your scope', { 200: Page(WorkerView) }, { querystring: WorkerListQuery }),
    async (request) => service.list(ctx(request), request.query),
  );

  app.get('/api/v1/workers/:id', route('Read a worker', { 200: WorkerView }, { params: IdParams }), async (request) =>
    service.get(ctx(request), request.params.id),
  );

  app.patch(
    '/api/v1/workers/:id',
    route(
      'Update a worker; a worker their own record: skills, preferences and availability at once, the phone as a change their officer confirms, nothing else (403 naming the field)',
      { 200: WorkerView },
      { roles: ['officer', 'admin', 'worker'], params: IdParams, body: WorkerPatch },
    ),
    async (request) => service.update(ctx(request), request.params.id, request.body),
  );

  for (const [action, outcome] of [
    ['confirm', 'confirmed'],
    ['decline', 'declined'],
  ] as const) {
    app.post(
      `/api/v1/workers/:id/pending-changes/:changeId/${action}`,
      route(
        outcome === 'confirmed'
          ? "Confirm a change the worker proposed (the phone): it is applied as an officer's update"
          : 'Decline a change the worker proposed: the record stays as it is',
        { 200: WorkerView },
        { roles: ['officer', 'admin'], params: PendingChangeParams, problems: [409] },
      ),
      async (request) => service.decidePendingChange(ctx(request), request.params.id, request.params.changeId, outcome),
    );
  }
}
