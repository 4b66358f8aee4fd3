import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import { Worklist } from './schemas.ts';
import type { WorklistService } from './worklist-service.ts';

const route = routeGroup(['worklist'], [401, 403], { roles: ['officer', 'admin'] });

/** worker-profile's part of the officer's worklist; the gateway merges it into GET /api/v1/worklist. */
export async function worklistRoutes(app: ServiceApp, service: WorklistService): Promise<void> {
  app.get(
    '/api/v1/worklist/registry',
    route('Your registry worklist: self-registration requests waiting, imports that ended with errors', {
      200: Worklist,
    }),
    async (request) => service.registry(principalOf(request)),
  );
}
