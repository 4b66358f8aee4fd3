import type { Principal } from '@tongxin/auth';
import { regionShortName } from '@tongxin/regions';
import { encodeCursor, FreshRuns, invalidField, notFound, ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import { addDays } from '../domain/follow-up-schedule.ts';
import { overlaps, regionScopeOf } from '../domain/scope.ts';
import type {
  CoverageQuery,
  CoverageReason,
  CoverageView,
  HouseholdCoverageReason,
  HouseholdCoverageView,
} from '../domain/schemas.ts';
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

/** One person or household counted by coverage: where it lives, what makes it a target, whether it is covered. */
interface Unit {
  /** The worker id, or the household number: what the list's cursor names (never a name). */
  key: string;
  homeVillageCode: string;
  registeredPoor: boolean;
  relocated: boolean;
  covered: boolean;
}

/** The figures of the county, each township and each village. */
function areasOf(units: Unit[]) {
  const total = tally();
  const townships = new Map<string, { t: Tally; villages: Map<string, Tally> }>();
  for (const u of units) {
    const township = u.homeVillageCode.slice(0, 9);
    const tw = townships.get(township) ?? { t: tally(), villages: new Map<string, Tally>() };
    townships.set(township, tw);
    const village = tw.villages.get(u.homeVillageCode) ?? tally();
    tw.villages.set(u.homeVillageCode, village);
    for (const t of [total, tw.t, village]) {
      t.target++;
      if (u.registeredPoor) t.registeredPoor++;
      if (u.relocated) t.relocated++;
      if (u.covered) t.covered++;
    }
  }
  const { code: _c, ...totals } = figures('', total);
  return {
    totals,
    townships: [...townships.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, tw]) => ({
        ...figures(code, tw.t),
        villages: [...tw.villages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([v, t]) => figures(v, t)),
      })),
  };
}

/**
 * The not-covered list's cursor names the last unit shown (village and key: no name in a URL).
 * The next page starts after that unit's place among all target units, so a unit that became
 * covered in between does not shift the list; if it is no longer a target at all, the page
 * starts again at the beginning of its village: a name may repeat, never be skipped.
 */
const cursorAfter = (u: Unit): string => encodeCursor(`${u.homeVillageCode}:${u.key}`);

function resumeAt(units: Unit[], cursor: string): number {
  const m = /^([0-9]{12}):(.{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw invalidField('cursor', 'not a cursor this list issued');
  const [, village = '', key = ''] = m;
  const at = units.findIndex((u) => u.homeVillageCode === village && u.key === key);
  if (at >= 0) return at + 1;
  const villageStart = units.findIndex((u) => u.homeVillageCode >= village);
  return villageStart < 0 ? units.length : villageStart;
}

/** One page of the units not covered, from the cursor on, each shown by `view`. */
function notCoveredPage<U extends Unit, V>(units: U[], q: { limit?: number; cursor?: string }, view: (u: U) => V) {
  const from = q.cursor === undefined ? 0 : resumeAt(units, q.cursor);
  const left = units.slice(from).filter((u) => !u.covered);
  const limit = q.limit ?? 500;
  return {
    items: left.slice(0, limit).map(view),
    truncated: left.length > limit,
    ...(left.length > limit ? { nextCursor: cursorAfter(left[limit - 1]!) } : {}),
  };
}

/**
 * The households of `rows` (coverage's rows by household) with the members coverage found, in the
 * rows' order (by village).
 */
function householdsOf(rows: CoverageRow[]) {
  const byKey = new Map<string, CoverageRow[]>();
  for (const r of rows) {
    // A household of one is keyed by its worker's id, which no household number equals.
    const key = r.householdNo ?? r.workerId;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  return [...byKey.entries()].map(([key, members]) => {
    const first = members[0]!;
    const covered = members.some((m) => m.recentContact);
    const reasons: HouseholdCoverageReason[] = covered
      ? []
      : ['no_recent_contact', ...(members.some((m) => m.hasOfficer) ? [] : ['no_officer' as const])];
    return {
      key,
      householdNo: first.householdNo,
      homeVillageCode: first.homeVillageCode,
      registeredPoor: members.some((m) => m.householdStatus === 'registered_poor'),
      relocated: members.some((m) => m.relocated),
      covered,
      lastContact: members.map((m) => m.lastContact ?? '').reduce((a, b) => (a > b ? a : b), ''),
      members,
      reasons,
    };
  });
}

/**
 * 不漏一户、不落一人: every registered-poor or relocated worker should have an officer, a service
 * or contact within COVERAGE_DAYS, and be employed, in training or referred.
 */
@injectable()
export class CoverageService {
  // A county's list is 20,000 rows read, counted and paged: callers asking the same at the same time share the work.
  readonly #people = new FreshRuns<CoverageView>();
  readonly #households = new FreshRuns<HouseholdCoverageView>();

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(ReportRepository) private readonly reports: ReportRepository,
  ) {}

  async coverage(p: Principal, q: CoverageQuery): Promise<CoverageView> {
    const { scope, region, none, key } = this.asked(p, q);
    if (none) return this.empty();
    return this.#people.run(key, () => this.peopleView(scope, region, q));
  }

  private async peopleView(
    scope: string[] | undefined,
    region: string | undefined,
    q: CoverageQuery,
  ): Promise<CoverageView> {
    const rows = await this.compute(scope, region);
    const units = rows.map((r) => ({
      ...r,
      key: r.workerId,
      registeredPoor: r.householdStatus === 'registered_poor',
      covered: reasonsOf(r).length === 0,
    }));
    const page = notCoveredPage(units, q, (r) => {
      const villageName = regionShortName(r.homeVillageCode);
      return {
        workerId: r.workerId,
        name: r.name,
        homeVillageCode: r.homeVillageCode,
        ...(villageName ? { homeVillageName: villageName } : {}),
        householdStatus: r.householdStatus,
        relocated: r.relocated,
        employmentStatus: r.employmentStatus,
        ...(r.officerId ? { officerId: r.officerId } : {}),
        ...(r.lastContact ? { lastContact: r.lastContact } : {}),
        reasons: reasonsOf(r),
      };
    });
    return {
      asOf: this.today(),
      coverageDays: this.ctx.config.COVERAGE_DAYS,
      ...areasOf(units),
      notCovered: page.items,
      notCoveredTruncated: page.truncated,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /**
   * 不漏一户 by household: a registered-poor or relocated household with a migrant worker is reached
   * when one of its members had a service, a contact or a placement (a hire or follow-up is a
   * contact) within COVERAGE_DAYS. A worker without a household number is a household of one.
   */
  async households(p: Principal, q: CoverageQuery): Promise<HouseholdCoverageView> {
    const { scope, region, none, key } = this.asked(p, q);
    if (none) return this.emptyHouseholds();
    return this.#households.run(key, () => this.householdsView(scope, region, q));
  }

  private async householdsView(
    scope: string[] | undefined,
    region: string | undefined,
    q: CoverageQuery,
  ): Promise<HouseholdCoverageView> {
    const units = householdsOf(await this.compute(scope, region, true));
    const page = notCoveredPage(units, q, (u) => {
      const villageName = regionShortName(u.homeVillageCode);
      return {
        ...(u.householdNo ? { householdNo: u.householdNo } : {}),
        homeVillageCode: u.homeVillageCode,
        ...(villageName ? { homeVillageName: villageName } : {}),
        registeredPoor: u.registeredPoor,
        relocated: u.relocated,
        members: u.members.map((m) => ({ workerId: m.workerId, name: m.name, employmentStatus: m.employmentStatus })),
        ...(u.lastContact ? { lastContact: u.lastContact } : {}),
        reasons: u.reasons,
      };
    });
    return {
      asOf: this.today(),
      coverageDays: this.ctx.config.COVERAGE_DAYS,
      ...areasOf(units),
      notReached: page.items,
      notReachedTruncated: page.truncated,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  /** The caller's scope and the region asked for; `none` when the village lies outside the township asked. */
  private asked(p: Principal, q: CoverageQuery) {
    const scope = regionScopeOf(p);
    const region = q.village ?? q.township;
    if (region && scope && !scope.some((s) => overlaps(s, region))) throw notFound('region', region);
    return {
      scope,
      region,
      none: Boolean(q.village && q.township && !q.village.startsWith(q.township)),
      // What makes two asks the same list: callers asking it at the same time share one run.
      key: JSON.stringify([scope, region, q.limit, q.cursor]),
    };
  }

  /** The dashboard's counts of target workers and households, covered and reached, in `scope`. */
  async figures(scope: string[] | undefined) {
    return this.reports.coverageFigures(this.ctx.pool, { ...(scope ? { scope } : {}), since: this.since() });
  }

  /**
   * The per-worker facts in scope: the target workers, or with `households` every member of a household
   * with a target worker too.
   */
  private compute(scope: string[] | undefined, region?: string, households = false): Promise<CoverageRow[]> {
    return this.reports.coverage(this.ctx.pool, {
      ...(scope ? { scope } : {}),
      ...(region ? { region } : {}),
      since: this.since(),
      households,
    });
  }

  private since(): string {
    return addDays(this.today(), -this.ctx.config.COVERAGE_DAYS);
  }

  private emptyHouseholds(): HouseholdCoverageView {
    const { notCovered: _n, notCoveredTruncated: _t, ...rest } = this.empty();
    return { ...rest, notReached: [], notReachedTruncated: false };
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
