import type { Principal } from '@tongxin/auth';
import { ServiceContext, type WorklistItem, byUrgency } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import { addDays } from '../domain/follow-up-schedule.ts';
import { regionScopeOf } from '../domain/scope.ts';
import type { SubsidyRule } from '../domain/subsidy-rules.ts';
import {
  PLACEMENT_WORK_KINDS,
  type PlacementWorkKind,
  WORKLIST_MAX_PER_KIND,
  type WorklistQuery,
  type WorklistView,
} from '../domain/worklist-schemas.ts';
import { type OwedFollowUp, PlacementRepository } from '../repositories/placement-repository.ts';
import { SubsidyRepository } from '../repositories/subsidy-repository.ts';
import { TOKENS } from '../tokens.ts';
import { CoverageService } from './coverage-service.ts';

/** Follow-ups falling due within this many county days are listed ahead of time. */
export const FOLLOW_UP_HORIZON_DAYS = 7;

const nameOr = (name: string | undefined, zh: boolean) => name ?? (zh ? '（姓名未同步）' : '(name not yet known)');

/**
 * Placement's part of the officer's worklist (ADR 0016): follow-ups due and overdue, open rights
 * cases, registered-poor and relocated households not reached, subsidies waiting. One query per
 * kind over the caller's villages, each listing at most `limit` items while counting them all.
 */
@injectable()
export class WorklistService {
  readonly #rules: Map<string, SubsidyRule>;

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(PlacementRepository) private readonly placements: PlacementRepository,
    @inject(SubsidyRepository) private readonly subsidies: SubsidyRepository,
    @inject(CoverageService) private readonly coverage: CoverageService,
    @inject(TOKENS.SubsidyRules) rules: SubsidyRule[],
  ) {
    this.#rules = new Map(rules.map((r) => [r.id, r]));
  }

  async worklist(p: Principal, q: WorklistQuery): Promise<WorklistView> {
    const limit = q.limit ?? WORKLIST_MAX_PER_KIND;
    const scope = regionScopeOf(p);
    const inScope = scope ? { scope } : {};
    const today = this.ctx.calendar.today();
    const graceDays = this.ctx.config.FOLLOW_UP_GRACE_DAYS;
    const counts = Object.fromEntries(PLACEMENT_WORK_KINDS.map((k) => [k, 0])) as Record<PlacementWorkKind, number>;
    const items: WorklistItem[] = [];
    const add = (kind: PlacementWorkKind, total: number, listed: WorklistItem[]) => {
      counts[kind] = total;
      items.push(...listed);
    };

    // Sequential on purpose: the embedded database serves one query at a time anyway.
    for (const state of ['due', 'overdue'] as const) {
      const owed = await this.placements.followUpsOwed(this.ctx.pool, {
        ...inScope,
        state,
        today,
        graceDays,
        horizonDays: FOLLOW_UP_HORIZON_DAYS,
        limit,
      });
      add(
        state === 'due' ? 'follow-up-due' : 'follow-up-overdue',
        owed.total,
        owed.rows.map((f) => followUpItem(f, state === 'overdue')),
      );
    }

    const rights = await this.placements.rightsCases(this.ctx.pool, { ...inScope, limit });
    add(
      'rights-case',
      rights.total,
      rights.rows.map((r) => ({
        kind: 'rights-case',
        id: r.placementId,
        title: `${r.day}天回访报告工资未按时发放：${nameOr(r.workerName, true)}`,
        titleEn: `Wages not paid on time (reported at the ${r.day}-day follow-up): ${nameOr(r.workerName, false)}`,
        village: r.homeVillageCode,
        workerId: r.workerId,
        dueDate: this.ctx.calendar.dateOf(r.reportedAt),
        overdue: false,
        link: `#/workers/${r.workerId}/services`,
        action: { method: 'POST', path: `/api/v1/workers/${r.workerId}/services` },
      })),
    );

    const households = await this.coverage.households(p, { limit: Math.max(limit, 1) });
    add(
      'not-contacted',
      households.totals.notCovered,
      households.notReached.slice(0, limit).map((h) => {
        const first = h.members[0]!;
        const names = h.members.map((m) => m.name).join('、');
        return {
          kind: 'not-contacted',
          id: h.householdNo ?? first.workerId,
          title: `${this.ctx.config.COVERAGE_DAYS}天内未联系：${names}`,
          titleEn: `Not contacted within ${this.ctx.config.COVERAGE_DAYS} days: ${names}`,
          village: h.homeVillageCode,
          workerId: first.workerId,
          ...(h.householdNo ? { householdNo: h.householdNo } : {}),
          ...(h.lastContact ? { dueDate: addDays(h.lastContact, this.ctx.config.COVERAGE_DAYS) } : {}),
          overdue: false,
          link: h.householdNo
            ? `#/households/no/${encodeURIComponent(h.householdNo)}`
            : `#/workers/${first.workerId}/services`,
          action: { method: 'POST', path: `/api/v1/workers/${first.workerId}/services` },
        };
      }),
    );

    const waiting = await this.subsidies.waiting(this.ctx.pool, { ...inScope, limit });
    add(
      'subsidy-waiting',
      waiting.total,
      waiting.rows.map((s) => {
        const rule = this.#rules.get(s.ruleId)?.name ?? s.ruleId;
        const approve = s.status === 'eligible';
        const who = (zh: boolean) => nameOr(s.workerName, zh);
        return {
          kind: 'subsidy-waiting',
          id: s.id,
          title: `${approve ? '补贴待审批' : '补贴待发放'}：${who(true)} ${rule} ¥${s.amount}`,
          titleEn: `${approve ? 'Subsidy to approve' : 'Subsidy to pay'}: ${who(false)} ${rule} ¥${s.amount}`,
          village: s.homeVillageCode,
          workerId: s.workerId,
          dueDate: this.ctx.calendar.dateOf(s.approvedAt ?? s.eligibleAt),
          overdue: false,
          // Administrators approve and pay (PATCH /subsidies is theirs); an officer follows the worker's case.
          ...(p.role === 'admin'
            ? { link: '#/subsidies', action: { method: 'PATCH' as const, path: `/api/v1/subsidies/${s.id}` } }
            : { link: `#/workers/${s.workerId}` }),
        };
      }),
    );

    return { items: items.sort(byUrgency), counts };
  }
}

function followUpItem(f: OwedFollowUp, overdue: boolean): WorklistItem {
  return {
    kind: overdue ? 'follow-up-overdue' : 'follow-up-due',
    id: `${f.placementId}:${f.day}`,
    title: `${f.day}天回访${overdue ? '已逾期' : ''}：${nameOr(f.workerName, true)}`,
    titleEn: `${overdue ? 'Overdue ' : ''}${f.day}-day follow-up: ${nameOr(f.workerName, false)}`,
    village: f.homeVillageCode,
    workerId: f.workerId,
    dueDate: f.dueDate,
    overdue,
    link: `#/workers/${f.workerId}`,
    action: { method: 'POST', path: `/api/v1/placements/${f.placementId}/follow-ups` },
  };
}
