import type { Principal } from '@tongxin/auth';
import type { PoolClient, Queryable } from '@tongxin/db';
import { regionLevel, regionShortName } from '@tongxin/regions';
import { ServiceContext, invalidField, notFound } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { WorkerProfileConfig } from '../config.ts';
import { computedQiyouItem, qiyouEvidenceRequired } from '../errors.ts';
import { narrow } from '../ledgers/incomes/income-ledger.ts';
import { IncomeRepository } from '../ledgers/incomes/income-repository.ts';
import { assertWriteScope, readScope } from '../ledgers/rules.ts';
import { PILOT_VILLAGES, QIYOU_ITEMS, RECENT_DAYS, daysBefore, evaluate, isDeclared } from './qiyou.ts';
import { QiyouRepository } from './qiyou-repository.ts';
import type { DeclarationInput, QiyouCountyQuery, QiyouCountyView, QiyouView } from './schemas.ts';

const name = (key: string, code: string) => {
  const n = regionShortName(code);
  return n ? { [key]: n } : {};
};

/**
 * 七有 per village: computed from the ledgers, declared where only an officer knows. Each time a
 * village is evaluated (its view, the county view, a declaration, a work group change) a changed
 * status is stored and published as `village.qiyou-status-changed`, which the dashboard counts.
 */
@injectable()
export class QiyouService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<WorkerProfileConfig>,
    @inject(QiyouRepository) private readonly repo: QiyouRepository,
    @inject(IncomeRepository) private readonly incomes: IncomeRepository,
  ) {}

  async village(p: Principal, code: string): Promise<QiyouView> {
    const scope = readScope(p);
    if (regionLevel(code) !== 'village' || !regionShortName(code)) throw notFound('village', code);
    if (scope && !scope.some((s) => code.startsWith(s))) throw notFound('village', code);
    return this.ctx.transaction(async (tx) => (await this.refresh(tx, [code]))[0]!);
  }

  async county(p: Principal, q: QiyouCountyQuery): Promise<QiyouCountyView> {
    const prefixes = narrow(readScope(p), q.village ?? q.township);
    const known = await this.repo.villages(this.ctx.pool, prefixes);
    const pilots = PILOT_VILLAGES.filter((v) => prefixes.some((s) => v.startsWith(s)));
    const villages = [...pilots, ...known.filter((v) => !pilots.includes(v))];
    const items = await this.ctx.transaction((tx) => this.refresh(tx, villages));
    return {
      asOf: this.ctx.calendar.today(),
      villages: items.length,
      meeting: items.filter((v) => v.met).length,
      items,
    };
  }

  /** Declares venue, rules or platform with evidence; declaring the same again changes nothing. */
  async declare(p: Principal, code: string, item: string, input: DeclarationInput): Promise<QiyouView> {
    if (regionLevel(code) !== 'village' || !regionShortName(code)) throw invalidField('code', 'is not a known village');
    assertWriteScope(p, code, 'declaring 七有');
    if (!isDeclared(item)) {
      if ((QIYOU_ITEMS as readonly string[]).includes(item)) throw computedQiyouItem(item);
      throw invalidField('item', `is one of ${QIYOU_ITEMS.join(', ')}`);
    }
    const evidence = input.evidence?.trim() ?? '';
    const documentRef = input.documentRef?.trim() ?? '';
    const missing = [
      ...(input.declaredOn ? [] : ['declaredOn']),
      ...(evidence ? [] : ['evidence']),
      ...(documentRef ? [] : ['documentRef']),
    ];
    if (missing.length) throw qiyouEvidenceRequired(missing);
    const declaredOn = input.declaredOn!;
    if (declaredOn > this.ctx.calendar.today()) throw invalidField('declaredOn', 'is in the future');
    return this.ctx.transaction(async (tx) => {
      const d = { declaredOn, evidence, documentRef, declaredBy: p.sub };
      if (await this.repo.upsertDeclaration(tx, code, item, d)) {
        await this.ctx.emit(tx, 'village.qiyou-declared', code, {
          declaration: { villageCode: code, item, declaredOn, evidence, documentRef },
        });
      }
      return (await this.refresh(tx, [code]))[0]!;
    });
  }

  /** Evaluates the villages inside the caller's transaction, publishing each status that changed. */
  async refresh(tx: PoolClient, villages: string[]): Promise<QiyouView[]> {
    const views = await this.compute(tx, villages);
    const evaluatedAt = new Date().toISOString();
    for (const v of views) {
      if (await this.repo.setStatus(tx, v.villageCode, v.met, v.missing)) {
        await this.ctx.emit(tx, 'village.qiyou-status-changed', v.villageCode, {
          status: { villageCode: v.villageCode, met: v.met, missing: v.missing, evaluatedAt },
        });
      }
    }
    return views;
  }

  private async compute(db: Queryable, villages: string[]): Promise<QiyouView[]> {
    const today = this.ctx.calendar.today();
    const facts = await this.repo.facts(db, villages, today, daysBefore(today, RECENT_DAYS));
    const line = this.ctx.config.POVERTY_LINE_ANNUAL;
    const above = new Map<string, number>();
    if (villages.length) {
      for (const h of await this.incomes.households(db, villages, Number(today.slice(0, 4)))) {
        if (h.monthsRecorded > 0 && h.annualIncome / h.householdSize >= line)
          above.set(h.homeVillageCode, (above.get(h.homeVillageCode) ?? 0) + 1);
      }
    }
    return villages.map((code) => {
      const items = evaluate({ ...facts.get(code)!, householdsAboveLine: above.get(code) ?? 0 }, today);
      const missing = items.filter((i) => !i.met).map((i) => i.item);
      const township = code.slice(0, 9);
      return {
        villageCode: code,
        ...name('villageName', code),
        townshipCode: township,
        ...name('townshipName', township),
        pilot: PILOT_VILLAGES.includes(code),
        met: missing.length === 0,
        metCount: items.length - missing.length,
        missing,
        items,
        asOf: today,
      };
    });
  }
}
