import { Type } from '@sinclair/typebox';
import { type ServiceApp, Page, principalOf, IdParams, problemResponses } from '@tongxin/service-platform';
import { SubsidyListQuery, SubsidyPatch, SubsidyView } from '../domain/schemas.ts';
import { SubsidyRule } from '../domain/subsidy-rules.ts';
import type { SubsidyService } from '../use-cases/subsidy-service.ts';

const problems = problemResponses(400, 401, 403, 404);
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
