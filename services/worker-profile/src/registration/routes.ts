import { type ServiceApp, IdParams, Page, principalOf, routeGroup } from '@tongxin/service-platform';
import type { RegistrationService } from './registration-service.ts';
import {
  ConfirmInput,
  DeclineInput,
  RegistrationRequestInput,
  RegistrationRequestQuery,
  RegistrationRequestView,
  SubmissionReceipt,
} from './schemas.ts';

const route = routeGroup(['registration-requests'], [400, 401, 403, 404], { roles: ['officer', 'admin'] });

/** Self-registration requests (自助登记): submitted by anyone, decided by the village's officers. */
export async function registrationRoutes(app: ServiceApp, service: RegistrationService): Promise<void> {
  app.post(
    '/api/v1/registration-requests',
    route(
      'Ask to be registered (自助登记); the same answer whether or not the ID number is registered',
      { 202: SubmissionReceipt },
      { public: true, body: RegistrationRequestInput },
    ),
    async (request, reply) => reply.status(202).send(await service.submit(request.body)),
  );

  app.get(
    '/api/v1/registration-requests',
    route(
      'Self-registration requests of your villages, ID number and phone masked',
      { 200: Page(RegistrationRequestView) },
      { querystring: RegistrationRequestQuery },
    ),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/registration-requests/:id',
    route(
      'A self-registration request with its ID number and phone in clear (the read is audited)',
      { 200: RegistrationRequestView },
      { params: IdParams },
    ),
    async (request) => {
      const purpose = request.headers['x-access-purpose'];
      return service.get(
        {
          principal: principalOf(request),
          requestId: request.id,
          ...(typeof purpose === 'string' ? { purpose: purpose.slice(0, 200) } : {}),
        },
        request.params.id,
      );
    },
  );

  app.post(
    '/api/v1/registration-requests/:id/confirm',
    route(
      'Confirm a request, with corrections: the person is registered as a worker (again: the same worker)',
      { 200: RegistrationRequestView },
      { params: IdParams, body: ConfirmInput, problems: [409] },
    ),
    async (request) => service.confirm(principalOf(request), request.params.id, request.body?.corrections),
  );

  app.post(
    '/api/v1/registration-requests/:id/decline',
    route(
      'Decline a request: nothing enters the registry',
      { 200: RegistrationRequestView },
      { params: IdParams, body: DeclineInput, problems: [409] },
    ),
    async (request) => service.decline(principalOf(request), request.params.id, request.body.reason),
  );
}
