import type { Principal } from '@tongxin/auth';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import { LEDGER_TITLES, type Ledger } from '../imports/columns.ts';
import { RegistrationService } from '../registration/registration-service.ts';
import { PendingChangeRepository } from '../registry/pending-changes.ts';
import { ImportErrorsRepository } from './import-errors-repository.ts';
import type { Worklist, WorklistItem } from './schemas.ts';

/** How far back an import that ended with errors stays on the worklist. */
export const IMPORT_ERRORS_DAYS = 30;
/** Most items of each kind one answer carries (the counts count them all up to this). */
const MAX_PER_KIND = 500;

const LEDGER_EN: Record<string, string> = {
  registry: 'registry',
  services: 'services ledger',
  incomes: 'incomes ledger',
  party: 'party ledger',
  activities: 'activities ledger',
  union: 'union ledger',
};

/**
 * worker-profile's part of the officer's worklist (ADR 0015, merged by the gateway with placement's):
 * self-registration requests waiting for the officer's villages, and imports that ended with errors.
 */
@injectable()
export class WorklistService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(RegistrationService) private readonly registration: RegistrationService,
    @inject(ImportErrorsRepository) private readonly imports: ImportErrorsRepository,
    @inject(PendingChangeRepository) private readonly pending: PendingChangeRepository,
  ) {}

  async registry(p: Principal): Promise<Worklist> {
    const today = this.ctx.calendar.today();
    const requests = await this.registration.waiting(p, MAX_PER_KIND);
    const since = new Date(this.ctx.clock().getTime() - IMPORT_ERRORS_DAYS * 86_400_000);
    // An import job and its error workbook are its uploader's (and the administrators'): jobs carry no village.
    const failed = await this.imports.unresolved(
      this.ctx.pool,
      since,
      p.role === 'admin' ? undefined : p.sub,
      MAX_PER_KIND,
    );
    const changes = await this.pending.openInScope(
      this.ctx.pool,
      p.role === 'admin' ? undefined : (p.regions ?? []),
      MAX_PER_KIND,
    );
    const items: WorklistItem[] = [
      ...requests.map((r): WorklistItem => ({
        kind: 'registration-request',
        id: r.id,
        title: `自助登记申请：${r.name}`,
        titleEn: `Self-registration request: ${r.name}`,
        village: r.homeVillageCode,
        ...(r.fields.householdNo ? { householdNo: r.fields.householdNo } : {}),
        dueDate: r.dueDate,
        overdue: today > r.dueDate,
        link: `#/registration-requests/${r.id}`,
        action: { method: 'POST', path: `/api/v1/registration-requests/${r.id}/confirm` },
      })),
      ...failed.map((j): WorklistItem => {
        const zh = LEDGER_TITLES[j.ledger as Ledger] ?? j.ledger;
        const en = LEDGER_EN[j.ledger] ?? j.ledger;
        const file = j.fileName ? ` ${j.fileName}` : '';
        const failedWhole = j.status === 'failed';
        return {
          kind: 'import-errors',
          id: j.id,
          title: failedWhole ? `${zh}导入失败${file}` : `${zh}导入有 ${j.invalid} 行有误${file}`,
          titleEn: failedWhole
            ? `Import of the ${en} failed${file}`
            : `Import of the ${en}: ${j.invalid} of ${j.total} rows refused${file}`,
          overdue: false,
          link: '#/ledgers',
          ...(j.errorWorkbook ? { action: { method: 'GET' as const, path: j.errorWorkbook } } : {}),
        };
      }),
      // A phone a worker proposed for their own record (ADR 0020), awaiting the officer's confirmation.
      ...changes.map((c): WorklistItem => ({
        kind: 'phone-change',
        id: c.id,
        title: `${c.workerName}提交了新手机号 ${c.valueMasked}，待确认`,
        titleEn: `${c.workerName} gave a new mobile number ${c.valueMasked}, to confirm`,
        village: c.village,
        workerId: c.workerId,
        overdue: false,
        link: `#/workers/${c.workerId}/matches`,
        action: { method: 'POST', path: `/api/v1/workers/${c.workerId}/pending-changes/${c.id}/confirm` },
      })),
    ];
    return {
      items,
      counts: {
        'registration-request': requests.length,
        'import-errors': failed.length,
        'phone-change': changes.length,
      },
    };
  }
}
