import { type ServiceApp, principalOf, problemResponses } from '@tongxin/service-platform';
import { CoverageQuery, CoverageView, DashboardView, HouseholdCoverageView } from '../domain/schemas.ts';
import type { CoverageService } from '../use-cases/coverage-service.ts';
import type { DashboardService } from '../use-cases/dashboard-service.ts';

const problems = problemResponses(400, 401, 403, 404);

/** Coverage (不漏一户、不落一人) and the programme dashboard. */
export async function reportRoutes(
  app: ServiceApp,
  coverage: CoverageService,
  dashboard: DashboardService,
): Promise<void> {
  app.get(
    '/api/v1/coverage',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['coverage'],
        summary:
          'Coverage of registered-poor and relocated workers per township and village, and who is not covered and why',
        querystring: CoverageQuery,
        response: { 200: CoverageView, ...problems },
      },
    },
    async (request) => coverage.coverage(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/coverage/households',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['coverage'],
        summary:
          '不漏一户 by household: registered-poor and relocated households reached within the window per township and village, and those not reached and why',
        querystring: CoverageQuery,
        response: { 200: HouseholdCoverageView, ...problems },
      },
    },
    async (request) => coverage.households(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/dashboard',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['dashboard'],
        summary: 'Programme figures (county-wide for administrators, your villages for officers)',
        response: { 200: DashboardView, ...problems },
      },
    },
    async (request) => dashboard.dashboard(principalOf(request)),
  );
}
