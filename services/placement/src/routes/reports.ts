import { type ServiceApp, principalOf, routeGroup } from '@tongxin/service-platform';
import { CoverageQuery, CoverageView, DashboardView, HouseholdCoverageView } from '../domain/schemas.ts';
import type { CoverageService } from '../use-cases/coverage-service.ts';
import type { DashboardService } from '../use-cases/dashboard-service.ts';

const coverageRoute = routeGroup(['coverage'], [400, 401, 403, 404]);
const dashboardRoute = routeGroup(['dashboard'], [400, 401, 403, 404]);

/** Coverage (不漏一户、不落一人) and the programme dashboard. */
export async function reportRoutes(
  app: ServiceApp,
  coverage: CoverageService,
  dashboard: DashboardService,
): Promise<void> {
  app.get(
    '/api/v1/coverage',
    coverageRoute(
      'Coverage of registered-poor and relocated workers per township and village, and who is not covered and why',
      { 200: CoverageView },
      { roles: ['officer', 'admin'], querystring: CoverageQuery },
    ),
    async (request) => coverage.coverage(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/coverage/households',
    coverageRoute(
      '不漏一户 by household: registered-poor and relocated households reached within the window per township and village, and those not reached and why',
      { 200: HouseholdCoverageView },
      { roles: ['officer', 'admin'], querystring: CoverageQuery },
    ),
    async (request) => coverage.households(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/dashboard',
    dashboardRoute(
      'Programme figures (county-wide for administrators, your villages for officers)',
      { 200: DashboardView },
      { roles: ['officer', 'admin'] },
    ),
    async (request) => dashboard.dashboard(principalOf(request)),
  );
}
