import { Type } from '@sinclair/typebox';
import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import { SubsidyListQuery, SubsidyPatch, SubsidyView } from '../domain/schemas.ts';
import { SubsidyRule } from '../domain/subsidy-rules.ts';
import type { SubsidyService } from '../use-cases/subsidy-service.ts';

const route = routeGroup(['subsidies'], [400, 401, 403, 404]);

/** The subsidy ledger (资金奖补). */
export async function subsidyRoutes(app: ServiceApp, service: SubsidyService): Promise<void> {
  app.get(
    '/api/v1/subsidies',
    route('Subsidies in your scope', { 200: Page(SubsidyView) }, { querystring: SubsidyListQuery }),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/subsidies/rules',
    route(
      'The subsidy rules in force (configured with SUBSIDY_RULES)',
      { 200: Type.Object({ items: Type.Array(SubsidyRule) }) },
      { roles: ['officer', 'admin'] },
    ),
    async () => ({ items: service.rules() }),
  );

  app.patch(
    '/api/v1/subsidies/:id',
    route(
      'Approve or pay a subsidy (administrators): eligible → approved → paid',
      { 200: SubsidyView },
      { roles: ['admin'], params: IdParams, body: SubsidyPatch, problems: [409] },
    ),
    async (request) => service.move(principalOf(request), request.params.id, request.body),
  );
}
