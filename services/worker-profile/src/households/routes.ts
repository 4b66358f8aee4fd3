import { type ServiceApp, IdParams, Page, principalOf, routeGroup } from '@tongxin/service-platform';
import type { HouseholdService } from './household-service.ts';
import {
  HouseholdIncomeInput,
  HouseholdIncomeView,
  HouseholdListQuery,
  HouseholdPatch,
  HouseholdReadQuery,
  HouseholdSummary,
  HouseholdView,
} from './schemas.ts';

const route = routeGroup(['households'], [400, 401, 403, 404, 409], { roles: ['officer', 'admin'] });

/** Households (户): created from the registry, read and completed here. */
export async function householdRoutes(app: ServiceApp, service: HouseholdService): Promise<void> {
  app.get(
    '/api/v1/households',
    route(
      'Households in your scope (户), by village, township, status or relocation',
      { 200: Page(HouseholdSummary) },
      { querystring: HouseholdListQuery },
    ),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/households/:id',
    route(
      'A household with its members and its income per person against the poverty line',
      { 200: HouseholdView },
      { params: IdParams, querystring: HouseholdReadQuery },
    ),
    async (request) => service.get(principalOf(request), request.params.id, request.query.year),
  );

  app.patch(
    '/api/v1/households/:id',
    route(
      "Edit a household's other members or the year it left poverty",
      { 200: HouseholdView },
      { params: IdParams, body: HouseholdPatch },
    ),
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/households/:id/incomes',
    route(
      'Record an income line of the household besides its members’ incomes',
      { 201: HouseholdIncomeView },
      { params: IdParams, body: HouseholdIncomeInput },
    ),
    async (request, reply) =>
      reply.status(201).send(await service.addIncome(principalOf(request), request.params.id, request.body)),
  );
}
