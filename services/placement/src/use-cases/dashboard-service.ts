import type { Principal } from '@tongxin/auth';
import { FreshRuns, KeptWhileUnchanged, ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import { regionScopeOf } from '../domain/scope.ts';
import type { DashboardView } from '../domain/schemas.ts';
import { ReportRepository } from '../repositories/report-repository.ts';
import { CoverageService } from './coverage-service.ts';
import { RelocationService } from './relocation-service.ts';

const MONTHS = 12;

/** The last `n` calendar months up to and including the month of `today`, oldest first (YYYY-MM). */
export function lastMonths(today: string, n: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(year, month - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

const share = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);

/** The programme figures of PRODUCT.md §3 and §6, county-wide for administrators, scoped for officers. */
@injectable()
export class DashboardService {
  /**
   * A county's dashboard takes a fifth of a second of the database: callers at the same time share
   * runs, and a run gives the last figures again while nothing in this schema has been written since.
   */
  readonly #runs = new FreshRuns<DashboardView>();
  readonly #kept: KeptWhileUnchanged<DashboardView>;

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(ReportRepository) private readonly reports: ReportRepository,
    @inject(CoverageService) private readonly coverage: CoverageService,
    @inject(RelocationService) private readonly relocation: RelocationService,
  ) {
    this.#kept = new KeptWhileUnchanged(() => this.reports.dataVersion(this.ctx.pool));
  }

  dashboard(p: Principal): Promise<DashboardView> {
    const scope = regionScopeOf(p);
    const key = JSON.stringify(scope ?? null);
    // The figures depend on the day too (due follow-ups, the contact window, the months shown).
    return this.#runs.run(key, () => this.#kept.get(`${key} ${this.ctx.calendar.today()}`, () => this.compute(scope)));
  }

  private async compute(scope: string[] | undefined): Promise<DashboardView> {
    const today = this.ctx.calendar.today();
    const months = lastMonths(today, MONTHS);
    // Sequential on purpose: the embedded database serves one query at a time anyway.
    const workers = await this.reports.workerFigures(this.ctx.pool, scope);
    const party = await this.reports.partyFigures(this.ctx.pool, scope);
    const union = await this.reports.unionFigures(this.ctx.pool, scope);
    const activities = await this.reports.activityFigures(this.ctx.pool, scope);
    const training = await this.reports.trainingFigures(this.ctx.pool, scope);
    const employers = await this.reports.employerFigures(this.ctx.pool);
    const openings = await this.reports.openingFigures(this.ctx.pool);
    const applications = await this.reports.applicationFigures(this.ctx.pool, scope);
    const placements = await this.reports.placementFigures(
      this.ctx.pool,
      scope,
      today,
      this.ctx.config.FOLLOW_UP_GRACE_DAYS,
    );
    const subsidies = await this.reports.subsidyFigures(this.ctx.pool, scope);
    const monthly = await this.reports.monthlyPlacements(this.ctx.pool, scope, months[0]!);
    const coverage = await this.coverage.figures(scope);
    const reservedPlaces = await this.relocation.dashboard(this.ctx.pool, scope);
    const households = await this.reports.householdFigures(this.ctx.pool, scope);
    return {
      asOf: today,
      scope: scope ?? ['county'],
      workers: { ...workers, registeredPoorShare: share(workers.registeredPoor, workers.registered) },
      party,
      activities,
      union,
      training,
      employers,
      openings,
      applications,
      placements,
      subsidies,
      coverage: {
        target: coverage.target,
        covered: coverage.covered,
        rate: coverage.target ? share(coverage.covered, coverage.target) : 1,
      },
      reservedPlaces,
      households: {
        ...households,
        target: coverage.households,
        reached: coverage.reached,
        rate: coverage.households ? share(coverage.reached, coverage.households) : 1,
      },
      monthlyPlacements: months.map((month) => ({
        month,
        ...(monthly.get(month) ?? { placements: 0, poorOrRelocated: 0 }),
      })),
    };
  }
}
