import { type ServiceApp, routeGroup } from '@tongxin/service-platform';
import { MergedWorklist, WorklistQuery } from '../worklist/schemas.ts';
import type { WorklistParts } from '../worklist/worklist-parts.ts';

const route = routeGroup(['worklist'], [400, 401, 403]);

/**
 * GET /api/v1/worklist: the officer's one list, gathered here (not proxied) from placement's and
 * worker-profile's parts; each part keeps its own authorization and scope.
 */
export async function worklistRoutes(app: ServiceApp, parts: WorklistParts): Promise<void> {
  app.get(
    '/api/v1/worklist',
    route(
      'Your worklist: what is due in your villages (all of the county for administrators), from every service that knows, overdue first, then by due date; `parts` says which services answered',
      { 200: MergedWorklist },
      { roles: ['officer', 'admin'], querystring: WorklistQuery },
    ),
    async (request) =>
      parts.gather(
        {
          ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
          requestId: request.id,
          ...(request.query.limit !== undefined ? { limit: request.query.limit } : {}),
        },
        request.log,
      ),
  );
}
