import { type ServiceApp, Page, principalOf, routeGroup } from '@tongxin/service-platform';
import {
  DesignationInput,
  DesignationParams,
  RelocatedVillageInput,
  RelocatedVillageListQuery,
  RelocatedVillageView,
  VillageCodeParams,
} from '../domain/relocation-schemas.ts';
import type { RelocationService } from '../use-cases/relocation-service.ts';

const route = routeGroup(['relocated-villages'], [400, 401, 403, 404], { roles: ['officer', 'admin'] });
/** Writes are the administrators' and may conflict with what is already filled or designated. */
const write = { roles: ['admin'], problems: [409] } as const;

/** Relocated villages (易地扶贫搬迁) and their reserved places (帮扶岗位), ADR 0010. */
export async function relocatedVillageRoutes(app: ServiceApp, service: RelocationService): Promise<void> {
  app.get(
    '/api/v1/relocated-villages',
    route(
      'Relocated villages in your scope with quota, offered, filled and vacant reserved places',
      { 200: Page(RelocatedVillageView) },
      { querystring: RelocatedVillageListQuery },
    ),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/relocated-villages/:villageCode',
    route(
      'One relocated village, its figures and its designated openings',
      { 200: RelocatedVillageView },
      { params: VillageCodeParams },
    ),
    async (request) => service.get(principalOf(request), request.params.villageCode),
  );

  app.put(
    '/api/v1/relocated-villages/:villageCode',
    route(
      'Mark a village relocated, or change its quota of reserved places or its relocation sites (administrators)',
      { 200: RelocatedVillageView },
      { ...write, params: VillageCodeParams, body: RelocatedVillageInput },
    ),
    async (request) => service.put(principalOf(request), request.params.villageCode, request.body),
  );

  app.post(
    '/api/v1/relocated-villages/:villageCode/openings',
    route(
      "Designate places of an opening as counting toward the village's quota (administrators)",
      { 200: RelocatedVillageView },
      { ...write, params: VillageCodeParams, body: DesignationInput },
    ),
    async (request) => service.designate(principalOf(request), request.params.villageCode, request.body),
  );

  app.delete(
    '/api/v1/relocated-villages/:villageCode/openings/:openingId',
    route(
      "Withdraw an opening's designation for the village (administrators)",
      { 200: RelocatedVillageView },
      { roles: ['admin'], params: DesignationParams },
    ),
    async (request) => service.release(principalOf(request), request.params.villageCode, request.params.openingId),
  );
}
