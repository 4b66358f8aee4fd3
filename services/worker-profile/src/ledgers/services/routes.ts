import { Type } from '@sinclair/typebox';
import { type ServiceApp, Page, principalOf } from '@tongxin/service-platform';
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

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const problems = {
  400: { $ref: 'Problem' },
  401: { $ref: 'Problem' },
  403: { $ref: 'Problem' },
  404: { $ref: 'Problem' },
};
const tags = ['service ledger'];

/** Service ledger (服务台账) and 六个一 activities. */
export async function serviceLedgerRoutes(app: ServiceApp, ledger: ServiceLedger): Promise<void> {
  app.post(
    '/api/v1/workers/:id/services',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Record a service delivered to a worker',
        params: IdParams,
        body: ServiceRecordInput,
        response: { 201: ServiceRecordView, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await ledger.record(principalOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/workers/:id/services',
    {
      schema: {
        tags,
        summary: "A worker's services, oldest first",
        params: IdParams,
        querystring: WorkerLedgerQuery,
        response: { 200: Page(ServiceRecordView), ...problems },
      },
    },
    async (request) => ledger.listForWorker(principalOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/ledgers/services',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Services per village, township or officer',
        querystring: ServiceListQuery,
        response: { 200: Page(ServiceRecordView), ...problems },
      },
    },
    async (request) => ledger.list(principalOf(request), request.query),
  );

  app.post(
    '/api/v1/ledgers/activities',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Record a 六个一 activity (letter, notice to employers, symposium, training, visit, exemplar)',
        body: ActivityInput,
        response: { 201: ActivityView, ...problems },
      },
    },
    async (request, reply) => reply.status(201).send(await ledger.recordActivity(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/ledgers/activities',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Activities in your scope',
        querystring: ActivityListQuery,
        response: { 200: Page(ActivityView), ...problems },
      },
    },
    async (request) => ledger.listActivities(principalOf(request), request.query),
  );
}
