import { Type } from '@sinclair/typebox';
import { type ServiceApp, Page, principalOf } from '@tongxin/service-platform';
import { SubsidyListQuery, SubsidyPatch, SubsidyView } from '../domain/schemas.ts';
import { SubsidyRule } from '../domain/subsidy-rules.ts';
import type { SubsidyService } from '../use-cases/subsidy-service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const problems = {
  400: { $ref: 'Problem' },
  401: { $ref: 'Problem' },
  403: { $ref: 'Problem' },
  404: { $ref: 'Problem' },
};
const tags = ['subsidies'];

/** The subsidy ledger (资金奖补). */
export async function subsidyRoutes(app: ServiceApp, service: SubsidyService): Promise<void> {
  app.get(
    '/api/v1/subsidies',
    {
      schema: {
        tags,
        summary: 'Subsidies in your scope',
        querystring: SubsidyListQuery,
        response: { 200: Page(SubsidyView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/subsidies/rules',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'The subsidy rules in force (configured with SUBSIDY_RULES)',
        response: { 200: Type.Object({ items: Type.Array(SubsidyRule) }), ...problems },
      },
    },
    async () => ({ items: service.rules() }),
  );

  app.patch(
    '/api/v1/subsidies/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Approve or pay a subsidy (administrators): eligible → approved → paid',
        params: IdParams,
        body: SubsidyPatch,
        response: { 200: SubsidyView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request) => service.move(principalOf(request), request.params.id, request.body),
  );
}
