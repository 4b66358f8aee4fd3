import { type ServiceApp, Page, principalOf, IdParams } from '@tongxin/service-platform';
import { EmployerInput, EmployerListQuery, EmployerPatch, EmployerView, SuspendInput } from '../domain/schemas.ts';
import type { EmployerService } from '../use-cases/employer-service.ts';

const P = { $ref: 'Problem' };
const problems = { 400: P, 401: P, 403: P, 404: P };
const tags = ['employers'];

/** Employer routes; thin: the schema validates, the service decides. */
export async function employerRoutes(app: ServiceApp, service: EmployerService): Promise<void> {
  app.post(
    '/api/v1/employers',
    {
      config: { roles: ['admin', 'officer', 'employer'] },
      schema: {
        tags,
        summary: 'Register an employer (pending until an administrator verifies it)',
        description: 'An employer account registering its own company becomes the account that acts for it.',
        body: EmployerInput,
        response: { 201: EmployerView, ...problems, 409: P },
      },
    },
    async (request, reply) => reply.status(201).send(await service.register(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/employers',
    {
      config: { roles: ['admin', 'officer', 'employer'] },
      schema: {
        tags,
        summary: 'List employers (an employer account: its own)',
        querystring: EmployerListQuery,
        response: { 200: Page(EmployerView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/employers/:id',
    {
      config: { roles: ['admin', 'officer', 'employer'] },
      schema: { tags, summary: 'Read an employer', params: IdParams, response: { 200: EmployerView, ...problems } },
    },
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/employers/:id',
    {
      config: { roles: ['admin', 'officer', 'employer'] },
      schema: {
        tags,
        summary: 'Update an employer',
        params: IdParams,
        body: EmployerPatch,
        response: { 200: EmployerView, ...problems, 409: P },
      },
    },
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/employers/:id/verify',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Verify an employer (administrators): pending or suspended → verified',
        description: 'Openings paused by a suspension resume (or close, if past their closing date).',
        params: IdParams,
        response: { 200: EmployerView, ...problems, 409: P },
      },
    },
    async (request) => service.verify(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/employers/:id/suspend',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Suspend an employer (administrators): verified → suspended',
        description: 'Its open openings are paused until it is verified again.',
        params: IdParams,
        body: SuspendInput,
        response: { 200: EmployerView, ...problems, 409: P },
      },
    },
    async (request) => service.suspend(principalOf(request), request.params.id, request.body.reason),
  );
}
