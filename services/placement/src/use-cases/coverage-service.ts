import type { Principal } from '@tongxin/auth';
import { regionShortName } from '@tongxin/regions';
import { encodeCursor, invalidField, notFound, ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import { addDays } from '../domain/follow-up-schedule.ts';
import { overlaps, regionScopeOf } from '../domain/scope.ts';
import type { CoverageQuery, CoverageReason, CoverageView } from '../domain/schemas.ts';
import { type CoverageRow, ReportRepository } from '../repositories/report-repository.ts';

interface Tally {
  target: number;
  registeredPoor: number;
  relocated: number;
  covered: number;
}

const tally = (): Tally => ({ target: 0, registeredPoor: 0, relocated: 0, covered: 0 });
const figures = (code: string, t: Tally) => {
  const name = regionShortName(code);
  return {
    code,
    ...(name ? { name } : {}),
    ...t,
    notCovered: t.target - t.covered,
    rate: t.target ? Math.round((t.covered / t.target) * 1000) / 1000 : 1,
  };
};

/** Why a worker is not covered; empty when covered. */
export function reasonsOf(r: CoverageRow): CoverageReason[] {
  const reasons: CoverageReason[] = [];
  if (!r.hasOfficer) reasons.push('no_officer');
  if (!r.recentContact) reasons.push('no_recent_contact');
  if (!r.engaged) reasons.push('not_employed_training_or_referred');
  return reasons;
}

/**
 * The not-covered list's cursor names the last worker shown (village and id: no name in a URL).
 * The next page starts after that worker's place among all target workers, so a worker who became
 * covered in between does not shift the list; if the worker is no longer a target at all, the page
 * starts again at the beginning of their village: a name may repeat, never be skipped.
 */
const cursorAfter = (w: { homeVillageCode: string; workerId: string }): string =>
  encodeCursor(`${w.homeVillageCode}:${w.workerId}`);

function resumeAt(rows: CoverageRow[], cursor: string): number {
  const m = /^([0-9]{12}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw invalidField('cursor', 'not a cursor this list issued');
  const [, village = '', workerId = ''] = m;
  const at = rows.findIndex((r) => r.workerId === workerId);
  if (at >= 0) return at + 1;
  const villageStart = rows.findIndex((r) => r.homeVillageCode >= village);
  return villageStart < 0 ? rows.length : villageStart;
}

/**
 * 不漏一户、不落一人: every registered-poor or relocated worker should have an officer, a service
 * or contact within COVERAGE_DAYS, and be employed, in training or referred.
 */
@injectable()
export class CoverageService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(ReportRepository) private readonly reports: ReportRepository,
  ) {}

  async coverage(p: Principal, q: CoverageQuery): Promise<CoverageView> {
    const scope = regionScopeOf(p);
    if (q.village && q.township && !q.village.startsWith(q.township)) return this.empty();
    const region = q.village ?? q.township;
    if (region && scope && !scope.some((s) => overlaps(s, region))) throw notFound('region', region);
    const rows = await this.compute(scope, region);
    const listFrom = q.cursor === undefined ? 0 : resumeAt(rows, q.cursor);

    const total = tally();
    const townships = new Map<string, { t: Tally; villages: Map<string, Tally> }>();
    const notCovered: CoverageView['notCovered'] = [];
    for (const [i, r] of rows.entries()) {
      const township = r.homeVillageCode.slice(0, 9);
      const tw = townships.get(township) ?? { t: tally(), villages: new Map<string, Tally>() };
      townships.set(township, tw);
      const village = tw.villages.get(r.homeVillageCode) ?? tally();
      tw.villages.set(r.homeVillageCode, village);
      const reasons = reasonsOf(r);
      for (const t of [total, tw.t, village]) {
        t.target++;
        if (r.householdStatus === 'registered_poor') t.registeredPoor++;
        if (r.relocated) t.relocated++;
        if (reasons.length === 0) t.covered++;
      }
      if (reasons.length && i >= listFrom) {
        const villageName = regionShortName(r.homeVillageCode);
        notCovered.push({
          workerId: r.workerId,
          name: r.name,
          homeVillageCode: r.homeVillageCode,
          ...(villageName ? { homeVillageName: villageName } : {}),
          householdStatus: r.householdStatus,
          relocated: r.relocated,
          employmentStatus: r.employmentStatus,
          ...(r.officerId ? { officerId: r.officerId } : {}),
          ...(r.lastContact ? { lastContact: r.lastContact } : {}),
          reasons,
        });
      }
    }
    const limit = q.limit ?? 500;
    const { code: _c, ...totals } = figures('', total);
    return {
      asOf: this.today(),
      coverageDays: this.ctx.config.COVERAGE_DAYS,
      totals,
      townships: [...townships.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, tw]) => ({
          ...figures(code, tw.t),
          villages: [...tw.villages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([v, t]) => figures(v, t)),
        })),
      notCovered: notCovered.slice(0, limit),
      notCoveredTruncated: notCovered.length > limit,
      ...(notCovered.length > limit ? { nextCursor: cursorAfter(notCovered[limit - 1]!) } : {}),
    };
  }

  /** The per-worker facts in scope; shared with the dashboard's coverage figure. */
  async compute(scope: string[] | undefined, region?: string): Promise<CoverageRow[]> {
    const since = addDays(this.today(), -this.ctx.config.COVERAGE_DAYS);
    return this.reports.coverage(this.ctx.pool, { ...(scope ? { scope } : {}), ...(region ? { region } : {}), since });
  }

  private empty(): CoverageView {
    return {
      asOf: this.today(),
      coverageDays: this.ctx.config.COVERAGE_DAYS,
      totals: { target: 0, registeredPoor: 0, relocated: 0, covered: 0, notCovered: 0, rate: 1 },
      townships: [],
      notCovered: [],
      notCoveredTruncated: false,
    };
  }

  private today(): string {
    return this.ctx.calendar.today();
  }
}
