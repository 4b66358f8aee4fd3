import { type ServiceApp, Page, principalOf, IdParams, routeGroup } from '@tongxin/service-platform';
import { FollowUpInput, PlacementListQuery, PlacementView, SeparationInput } from '../domain/schemas.ts';
import type { PlacementService } from '../use-cases/placement-service.ts';

const route = routeGroup(['placements'], [400, 401, 403, 404]);

/** Placements (hires), follow-ups and separations. */
export async function placementRoutes(app: ServiceApp, service: PlacementService): Promise<void> {
  app.get(
    '/api/v1/placements',
    route(
      'Placements in your scope; due=true / overdue=true for the follow-up work list',
      { 200: Page(PlacementView) },
      { querystring: PlacementListQuery },
    ),
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/placements/:id',
    route('Read a placement and its follow-ups', { 200: PlacementView }, { params: IdParams }),
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/placements/:id/follow-ups',
    route(
      'Record the 30-, 90- or 180-day follow-up (still employed? wages paid on time?)',
      { 201: PlacementView },
      { roles: ['officer', 'admin'], params: IdParams, body: FollowUpInput, problems: [409] },
    ),
    async (request, reply) =>
      reply.status(201).send(await service.followUp(principalOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/placements/:id/separation',
    route(
      'Record that the worker left the job, with the reason',
      { 201: PlacementView },
      { roles: ['officer', 'admin', 'employer'], params: IdParams, body: SeparationInput, problems: [409] },
    ),
    async (request, reply) =>
      reply.status(201).send(await service.separate(principalOf(request), request.params.id, request.body)),
  );
}
