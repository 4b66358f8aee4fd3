import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import { WorklistQuery, WorklistView } from '../domain/worklist-schemas.ts';
import type { WorklistService } from '../use-cases/worklist-service.ts';

const route = routeGroup(['worklist'], [400, 401, 403]);

/** Placement's part of the officer's worklist; the gateway merges it with the registry's at GET /api/v1/worklist. */
export async function worklistRoutes(app: ServiceApp, service: WorklistService): Promise<void> {
  app.get(
    '/api/v1/worklist/placement',
    route(
      "Placement's part of your worklist: follow-ups due (within 7 days) and overdue, open rights cases, households not contacted in the coverage window, subsidies waiting; overdue first, then by due date, at most `limit` items per kind with exact counts",
      { 200: WorklistView },
      { roles: ['officer', 'admin'], querystring: WorklistQuery },
    ),
    async (request) => service.worklist(principalOf(request), request.query),
  );
}
