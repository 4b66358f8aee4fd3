import { randomUUID } from 'node:crypto';
import type { Principal } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import { forbidden, notFound, ServiceContext, pageBySeq } from '@tongxin/service-platform';
import type pg from 'pg';
import { inject, injectable } from 'tsyringe';
import { regionScopeOf } from '../domain/scope.ts';
import type { SubsidyListQuery, SubsidyPatch, SubsidyView } from '../domain/schemas.ts';
import { type SubsidyRule, type WorkerTraits, mayMoveSubsidy, rulesGranted } from '../domain/subsidy-rules.ts';
import { subsidySnapshot } from '../domain/snapshots.ts';
import { subsidyIllegalTransition, subsidyMovedMeanwhile } from '../errors.ts';
import type { PlacementRecord } from '../repositories/placement-repository.ts';
import { ReadModelRepository } from '../repositories/read-model-repository.ts';
import { type SubsidyRecord, SubsidyRepository } from '../repositories/subsidy-repository.ts';
import { TOKENS } from '../tokens.ts';

/** The subsidy ledger (资金奖补): eligibility from placements and follow-ups, then approval and payment. */
@injectable()
export class SubsidyService {
  readonly #rules: Map<string, SubsidyRule>;

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.SubsidyRules) rules: SubsidyRule[],
    @inject(SubsidyRepository) private readonly subsidies: SubsidyRepository,
    @inject(ReadModelRepository) private readonly readModels: ReadModelRepository,
  ) {
    this.#rules = new Map(rules.map((r) => [r.id, r]));
  }

  rules(): SubsidyRule[] {
    return [...this.#rules.values()];
  }

  /** Within the hire transaction: the rules decided when the placement starts. */
  async onHire(tx: pg.PoolClient, placement: PlacementRecord, worker: WorkerTraits): Promise<void> {
    for (const rule of rulesGranted(this.#rules.values(), { on: 'hire' }, placement.tier, worker)) {
      await this.grant(tx, rule, placement);
    }
  }

  /** Within the follow-up transaction: rules confirmed by the worker still being in the job on `day`. */
  async onFollowUp(tx: pg.PoolClient, placement: PlacementRecord, worker: WorkerTraits, day: number): Promise<void> {
    for (const rule of rulesGranted(this.#rules.values(), { on: 'follow-up', day }, placement.tier, worker)) {
      await this.grant(tx, rule, placement);
    }
  }

  private async grant(tx: pg.PoolClient, rule: SubsidyRule, p: PlacementRecord): Promise<void> {
    const created = await this.subsidies.insertIfAbsent(
      tx,
      {
        id: randomUUID(),
        ruleId: rule.id,
        placementId: p.id,
        workerId: p.workerId,
        homeVillageCode: p.homeVillageCode,
        amount: rule.amount,
      },
      this.ctx.clock(),
    );
    if (created) await this.emit(tx, 'subsidy.eligible', created);
  }

  async list(p: Principal, q: SubsidyListQuery): Promise<{ items: SubsidyView[]; nextCursor?: string }> {
    if (p.role === 'employer') throw forbidden('subsidies are paid to workers; employers do not see the ledger');
    if (p.role === 'worker' && !p.workerId) return { items: [] };
    const page = await pageBySeq(
      q,
      (window) =>
        this.subsidies.list(this.ctx.pool, {
          ...(p.role === 'worker' ? { workerId: p.workerId } : q.workerId ? { workerId: q.workerId } : {}),
          ...(p.role === 'officer' ? { scope: regionScopeOf(p) } : {}),
          ...(q.placementId ? { placementId: q.placementId } : {}),
          ...(q.ruleId ? { ruleId: q.ruleId } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...window,
        }),
      (r) => r,
    );
    return { ...page, items: await this.views(this.ctx.pool, page.items) };
  }

  /** Administrators only (the route enforces the role): one step along `eligible → approved → paid`. */
  async move(p: Principal, id: string, patch: SubsidyPatch): Promise<SubsidyView> {
    const updated = await this.ctx.transaction(async (tx) => {
      const current = await this.subsidies.findById(tx, id);
      if (!current) throw notFound('subsidy', id);
      if (!mayMoveSubsidy(current.status, patch.status)) throw subsidyIllegalTransition(current.status, patch.status);
      const moved = await this.subsidies.transition(tx, id, current.status, patch.status, p.sub, this.ctx.clock());
      // Someone else moved it between our read and our update: never pay twice.
      if (!moved) throw subsidyMovedMeanwhile();
      await this.emit(tx, patch.status === 'approved' ? 'subsidy.approved' : 'subsidy.paid', moved);
      return moved;
    });
    return (await this.views(this.ctx.pool, [updated]))[0]!;
  }

  private async emit(
    tx: pg.PoolClient,
    type: 'subsidy.eligible' | 'subsidy.approved' | 'subsidy.paid',
    s: SubsidyRecord,
  ): Promise<void> {
    await this.ctx.emit(tx, type, s.id, { subsidy: subsidySnapshot(s) });
  }

  private async views(db: Queryable, rows: SubsidyRecord[]): Promise<SubsidyView[]> {
    const workers = await this.readModels.findWorkers(db, [...new Set(rows.map((r) => r.workerId))]);
    return rows.map(({ seq: _seq, ...s }) => {
      const name = this.#rules.get(s.ruleId)?.name;
      const workerName = workers.get(s.workerId)?.name;
      return { ...s, ...(name ? { ruleName: name } : {}), ...(workerName ? { workerName } : {}) };
    });
  }
}
