import { type ServiceApp, Page, principalOf, problemResponses } from '@tongxin/service-platform';
import {
  DesignationInput,
  DesignationParams,
  RelocatedVillageInput,
  RelocatedVillageListQuery,
  RelocatedVillageView,
  VillageCodeParams,
} from '../domain/relocation-schemas.ts';
import type { RelocationService } from '../use-cases/relocation-service.ts';

const problems = problemResponses(400, 401, 403, 404);
const writeProblems = { ...problems, 409: { $ref: 'Problem' } };
const tags = ['relocated-villages'];
const admin = { roles: ['admin' as const] };
const readers = { roles: ['officer' as const, 'admin' as const] };

/** Relocated villages (易地扶贫搬迁) and their reserved places (帮扶岗位), ADR 0010. */
export async function relocatedVillageRoutes(app: ServiceApp, service: RelocationService): Promise<void> {
  app.get(
    '/api/v1/relocated-villages',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Relocated villages in your scope with quota, offered, filled and vacant reserved places',
        querystring: RelocatedVillageListQuery,
        response: { 200: Page(RelocatedVillageView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/relocated-villages/:villageCode',
    {
      config: readers,
      schema: {
        tags,
        summary: 'One relocated village, its figures and its designated openings',
        params: VillageCodeParams,
        response: { 200: RelocatedVillageView, ...problems },
      },
    },
    async (request) => service.get(principalOf(request), request.params.villageCode),
  );

  app.put(
    '/api/v1/relocated-villages/:villageCode',
    {
      config: admin,
      schema: {
        tags,
        summary:
          'Mark a village relocated, or change its quota of reserved places or its relocation sites (administrators)',
        params: VillageCodeParams,
        body: RelocatedVillageInput,
        response: { 200: RelocatedVillageView, ...writeProblems },
      },
    },
    async (request) => service.put(principalOf(request), request.params.villageCode, request.body),
  );

  app.post(
    '/api/v1/relocated-villages/:villageCode/openings',
    {
      config: admin,
      schema: {
        tags,
        summary: "Designate places of an opening as counting toward the village's quota (administrators)",
        params: VillageCodeParams,
        body: DesignationInput,
        response: { 200: RelocatedVillageView, ...writeProblems },
      },
    },
    async (request) => service.designate(principalOf(request), request.params.villageCode, request.body),
  );

  app.delete(
    '/api/v1/relocated-villages/:villageCode/openings/:openingId',
    {
      config: admin,
      schema: {
        tags,
        summary: "Withdraw an opening's designation for the village (administrators)",
        params: DesignationParams,
        response: { 200: RelocatedVillageView, ...problems },
      },
    },
    async (request) => service.release(principalOf(request), request.params.villageCode, request.params.openingId),
  );
}
