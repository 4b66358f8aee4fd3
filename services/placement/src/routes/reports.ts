import { type ServiceApp, principalOf, routeGroup, sendWorkbook } from '@tongxin/service-platform';
import {
  CoverageExportQuery,
  CoverageQuery,
  CoverageView,
  DashboardView,
  HouseholdCoverageView,
  SubsidyExportQuery,
} from '../domain/schemas.ts';
import type { CoverageService } from '../use-cases/coverage-service.ts';
import type { DashboardService } from '../use-cases/dashboard-service.ts';
import type { ReportExport } from '../use-cases/report-export.ts';

const coverageRoute = routeGroup(['coverage'], [400, 401, 403, 404]);
const dashboardRoute = routeGroup(['dashboard'], [400, 401, 403, 404]);
const subsidyRoute = routeGroup(['subsidies'], [400, 401, 403, 404]);
const officers = ['officer', 'admin'] as const;

/** Coverage (不漏一户、不落一人), the programme dashboard, and both with the subsidy ledger as xlsx. */
export async function reportRoutes(
  app: ServiceApp,
  coverage: CoverageService,
  dashboard: DashboardService,
  exporter: ReportExport,
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

  // The three reports county offices file (issue 19), as xlsx in Chinese: the same scope as their screens.
  app.get(
    '/api/v1/coverage/export',
    coverageRoute(
      'The coverage list as xlsx: everyone not covered and why, and the figures of each village',
      {},
      { roles: officers, querystring: CoverageExportQuery },
    ),
    async (request, reply) => {
      const file = await exporter.coverageList(principalOf(request), request.query);
      return sendWorkbook(reply, file.body, file.name, file.ascii);
    },
  );

  app.get(
    '/api/v1/dashboard/export',
    dashboardRoute("The dashboard's figures as xlsx", {}, { roles: officers }),
    async (request, reply) => {
      const file = await exporter.dashboard(principalOf(request));
      return sendWorkbook(reply, file.body, file.name, file.ascii);
    },
  );

  app.get(
    '/api/v1/subsidies/export',
    subsidyRoute(
      'The subsidy ledger in your scope as xlsx, of one state or all',
      {},
      { roles: officers, querystring: SubsidyExportQuery },
    ),
    async (request, reply) => {
      const file = await exporter.subsidyLedger(principalOf(request), request.query);
      return sendWorkbook(reply, file.body, file.name, file.ascii);
    },
  );
}
