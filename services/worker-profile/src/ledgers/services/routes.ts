import { type ServiceApp, IdParams, Page, principalOf, routeGroup } from '@tongxin/service-platform';
import {
  ActivityInput,
  ActivityListQuery,
  ActivityView,
  ServiceListQuery,
  ServiceRecordInput,
  ServiceRecordView,
  WorkerLedgerQuery,
} from '../schemas.ts';
import type { ServiceLedger } from './service-ledger.ts';

const route = routeGroup(['service ledger'], [400, 401, 403, 404]);

/** Service ledger (服务台账) and 六个一 activities. */
export async function serviceLedgerRoutes(app: ServiceApp, ledger: ServiceLedger): Promise<void> {
  app.post(
    '/api/v1/workers/:id/services',
    route(
      'Record a service delivered to a worker',
      { 201: ServiceRecordView },
      { roles: ['officer', 'admin'], params: IdParams, body: ServiceRecordInput },
    ),
    async (request, reply) =>
      reply.status(201).send(await ledger.record(principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/workers/:id/services',
    route(
      "A worker's services, oldest first",
      { 200: Page(ServiceRecordView) },
      { params: IdParams, querystring: WorkerLedgerQuery },
    ),
    async (request) => ledger.listForWorker(principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/ledgers/services',
    route(
      'Services per village, township or officer',
      { 200: Page(ServiceRecordView) },
      { roles: ['officer', 'admin'], querystring: ServiceListQuery },
    ),
    async (request) => ledger.list(principalOf(request), request.query),
  );

  app.post(
    '/api/v1/ledgers/activities',
    route(
      'Record a 六个一 activity (letter, notice to employers, symposium, training, visit, exemplar)',
      { 201: ActivityView },
      { roles: ['officer', 'admin'], body: ActivityInput },
    ),
    async (request, reply) => reply.status(201).send(await ledger.recordActivity(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/ledgers/activities',
    route(
      'Activities in your scope',
      { 200: Page(ActivityView) },
      { roles: ['officer', 'admin'], querystring: ActivityListQuery },
    ),
    async (request) => ledger.listActivities(principalOf(request), request.query),
  );
}
