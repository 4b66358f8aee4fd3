import { type ServiceApp, Page, principalOf, IdParams, problemResponses } from '@tongxin/service-platform';
import { FollowUpInput, PlacementListQuery, PlacementView, SeparationInput } from '../domain/schemas.ts';
import type { PlacementService } from '../use-cases/placement-service.ts';

const problems = problemResponses(400, 401, 403, 404);
const tags = ['placements'];

/** Placements (hires), follow-ups and separations. */
export async function placementRoutes(app: ServiceApp, service: PlacementService): Promise<void> {
  app.get(
    '/api/v1/placements',
    {
      schema: {
        tags,
        summary: 'Placements in your scope; due=true / overdue=true for the follow-up work list',
        querystring: PlacementListQuery,
        response: { 200: Page(PlacementView), ...problems },
      },
    },
    async (request) => service.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/placements/:id',
    {
      schema: {
        tags,
        summary: 'Read a placement and its follow-ups',
        params: IdParams,
        response: { 200: PlacementView, ...problems },
      },
    },
    async (request) => service.get(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/placements/:id/follow-ups',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags,
        summary: 'Record the 30-, 90- or 180-day follow-up (still employed? wages paid on time?)',
        params: IdParams,
        body: FollowUpInput,
        response: { 201: PlacementView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.followUp(principalOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/placements/:id/separation',
    {
      config: { roles: ['officer', 'admin', 'employer'] },
      schema: {
        tags,
        summary: 'Record that the worker left the job, with the reason',
        params: IdParams,
        body: SeparationInput,
        response: { 201: PlacementView, ...problems, 409: { $ref: 'Problem' } },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.separate(principalOf(request), request.params.id, request.body)),
  );
}
