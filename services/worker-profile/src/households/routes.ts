import { type ServiceApp, IdParams, Page, principalOf, problemResponses } from '@tongxin/service-platform';
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

const tags = ['households'];
const problems = problemResponses(400, 401, 403, 404, 409);

/** Households (户): created from the registry, read and completed here. */
export async function householdRoutes(app: ServiceApp, service: HouseholdService): Promise<void> {
  const roles = { roles: ['officer' as const, 'admin' as const] };
  app.get(
    '/api/v1/households',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Households in your scope (户), by village, township, status or relocation',
        querystring: HouseholdListQuery,
        response: { 200: Page(HouseholdSummary), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/households/:id',
    {
      config: roles,
      schema: {
        tags,
        summary: 'A household with its members and its income per person against the poverty line',
        params: IdParams,
        querystring: HouseholdReadQuery,
        response: { 200: HouseholdView, ...problems },
      },
    },
    async (request) => service.get(principalOf(request), request.params.id, request.query.year),
  );

  app.patch(
    '/api/v1/households/:id',
    {
      config: roles,
      schema: {
        tags,
        summary: "Edit a household's other members or the year it left poverty",
        params: IdParams,
        body: HouseholdPatch,
        response: { 200: HouseholdView, ...problems },
      },
    },
    async (request) => service.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/households/:id/incomes',
    {
      config: roles,
      schema: {
        tags,
        summary: 'Record an income line of the household besides its members’ incomes',
        params: IdParams,
        body: HouseholdIncomeInput,
        response: { 201: HouseholdIncomeView, ...problems },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addIncome(principalOf(request), request.params.id, request.body)),
  );
}
