import { type ServiceApp, principalOf, problemResponses } from '@tongxin/service-platform';
import type { QiyouService } from './qiyou-service.ts';
import {
  DeclarationInput,
  DeclareParams,
  QiyouCountyQuery,
  QiyouCountyView,
  QiyouView,
  VillageParams,
} from './schemas.ts';

const problems = problemResponses(400, 401, 403, 404);
const officers = { roles: ['officer' as const, 'admin' as const] };
const tags = ['七有'];

/** 七有, the pilot standard: a village's checklist, its declarations, and the county view. */
export async function qiyouRoutes(app: ServiceApp, qiyou: QiyouService): Promise<void> {
  app.get(
    '/api/v1/villages/:code/qiyou',
    {
      config: officers,
      schema: {
        tags,
        summary: "A village's 七有: each item met or missing, with its evidence",
        params: VillageParams,
        response: { 200: QiyouView, ...problems },
      },
    },
    async (request) => qiyou.village(principalOf(request), request.params.code),
  );
  app.put(
    '/api/v1/villages/:code/qiyou/:item',
    {
      config: officers,
      schema: {
        tags,
        summary:
          'Declare 有阵地 (venue), 有制度 (rules) or 有平台 (platform) with evidence: date, text, document reference',
        params: DeclareParams,
        body: DeclarationInput,
        response: { 200: QiyouView, ...problems },
      },
    },
    async (request) => qiyou.declare(principalOf(request), request.params.code, request.params.item, request.body),
  );
  app.get(
    '/api/v1/qiyou',
    {
      config: officers,
      schema: {
        tags,
        summary: 'Villages of the county (or a township) against 七有: which meet it, what each lacks; pilots first',
        querystring: QiyouCountyQuery,
        response: { 200: QiyouCountyView, ...problems },
      },
    },
    async (request) => qiyou.county(principalOf(request), request.query),
  );
}
