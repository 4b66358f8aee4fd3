import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import type { QiyouService } from './qiyou-service.ts';
import {
  DeclarationInput,
  DeclareParams,
  QiyouCountyQuery,
  QiyouCountyView,
  QiyouView,
  VillageParams,
} from './schemas.ts';

const route = routeGroup(['七有'], [400, 401, 403, 404], { roles: ['officer', 'admin'] });

/** 七有, the pilot standard: a village's checklist, its declarations, and the county view. */
export async function qiyouRoutes(app: ServiceApp, qiyou: QiyouService): Promise<void> {
  app.get(
    '/api/v1/villages/:code/qiyou',
    route(
      "A village's 七有: each item met or missing, with its evidence",
      { 200: QiyouView },
      { params: VillageParams },
    ),
    async (request) => qiyou.village(principalOf(request), request.params.code),
  );
  app.put(
    '/api/v1/villages/:code/qiyou/:item',
    route(
      'Declare 有阵地 (venue), 有制度 (rules) or 有平台 (platform) with evidence: date, text, document reference',
      { 200: QiyouView },
      { params: DeclareParams, body: DeclarationInput },
    ),
    async (request) => qiyou.declare(principalOf(request), request.params.code, request.params.item, request.body),
  );
  app.get(
    '/api/v1/qiyou',
    route(
      'Villages of the county (or a township) against 七有: which meet it, what each lacks; pilots first',
      { 200: QiyouCountyView },
      { querystring: QiyouCountyQuery },
    ),
    async (request) => qiyou.county(principalOf(request), request.query),
  );
}
