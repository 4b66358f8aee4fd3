import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import { EmployerInput, EmployerListQuery, EmployerPatch, EmployerView, SuspendInput } from '../domain/schemas.ts';
import type { EmployerService } from '../use-cases/employer-service.ts';

const route = routeGroup(['employers'], [400, 401, 403, 404]);

/** Employer routes; thin: the schema validates, the service decides. */
export async function employerRoutes(app: ServiceApp, service: EmployerService): Promise<void> {
  app.post(
    '/api/v1/employers',
    route(
      'Register an employer (pending until an administrator verifies it)',
      { 201: EmployerView },
      {
        roles: ['admin', 'officer', 'employer'],
        description: 'An employer account registering its own company becomes the account that acts for it.',
        body: EmployerInput,
        problems: [409],
      },
    ),
    async (request, reply) => reply.status(201).send(await service.register(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/employers',
    route(
      'List employers (an employer account: its own)',
      { 200: Page(EmployerView) },
      { roles: ['admin', 'officer', 'employer'], querystring: EmployerListQuery },
    ),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/employers/:id',
    route('Read an employer', { 200: EmployerView }, { roles: ['admin', 'officer', 'employer'], params: IdParams }),
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/employers/:id',
    route(
      'Update an employer',
      { 200: EmployerView },
      { roles: ['admin', 'officer', 'employer'], params: IdParams, body: EmployerPatch, problems: [409] },
    ),
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/employers/:id/verify',
    route(
      'Verify an employer (administrators): pending or suspended → verified',
      { 200: EmployerView },
      {
        roles: ['admin'],
        description: 'Openings paused by a suspension resume (or close, if past their closing date).',
        params: IdParams,
        problems: [409],
      },
    ),
    async (request) => service.verify(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/employers/:id/suspend',
    route(
      'Suspend an employer (administrators): verified → suspended',
      { 200: EmployerView },
      {
        roles: ['admin'],
        description: 'Its open openings are paused until it is verified again.',
        params: IdParams,
        body: SuspendInput,
        problems: [409],
      },
    ),
    async (request) => service.suspend(principalOf(request), request.params.id, request.body.reason),
  );
}
