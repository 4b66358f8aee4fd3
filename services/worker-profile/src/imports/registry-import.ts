import { maskPhone } from '@tongxin/cn-codes';
import { UniqueViolation } from '@tongxin/db';
import type { TongxinEvent } from '@tongxin/events';
import { importRegisteredMeanwhile, importStaleRow } from '../errors.ts';
import type { Taxonomy } from '@tongxin/taxonomy';
import { ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import { WorkerInput } from '../registry/schemas.ts';
import { validateWorkerFacts } from '../registry/validate-worker.ts';
import type { WorkerRecord } from '../registry/worker.ts';
import { WORKERS_ID_NUMBER_UNIQUE, WorkerRepository } from '../registry/worker-repository.ts';
import { REGISTRY_COLUMNS, locateColumns } from './columns.ts';
import type { Sheet } from './sheet/read-sheet.ts';
import {
  type RegistryGiven,
  changedFields,
  columnKeyOf,
  mergeRegistryRow,
  parseRegistryRow,
  recordAsInput,
} from './registry-rows.ts';
import { TOKENS } from '../tokens.ts';
import { workerChangeEvents } from '../registry/worker-changes.ts';
import { registration } from '../registry/registration.ts';
import {
  ID_FORMAT,
  type ImportContext,
  type ImportOutcome,
  Problems,
  canWrite,
  cellReader,
  importOutcome,
  refusesWhole,
} from './import-types.ts';
import { schemaCheck } from './schema-check.ts';
import { workersByHash } from './worker-lookup.ts';
import { HouseholdRoster, type WrittenMember } from '../households/household-roster.ts';

interface Planned {
  row: number;
  input: WorkerInput;
  current?: WorkerRecord;
  changed: string[];
}

/**
 * Imports the information-registration ledger: every row validated as a registration would be
 * (schema, ID check digit and birth date, village codes, taxonomy skills, scope), matched on the
 * ID-number hash, then written in batches with its events in one transaction.
 */
@injectable()
export class RegistryImport {
  readonly #checkInput = schemaCheck(WorkerInput, columnKeyOf);

  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(HouseholdRoster) private readonly households: HouseholdRoster,
  ) {}

  async run(ctx: ImportContext, sheet: Sheet): Promise<ImportOutcome> {
    const at = locateColumns(sheet.headers, REGISTRY_COLUMNS);
    const problems = new Problems(REGISTRY_COLUMNS);
    const parsed = sheet.rows.map((r) => {
      const { given, errors } = parseRegistryRow(cellReader(r, at), this.taxonomy, this.ctx.calendar.offsetMinutes);
      for (const e of errors) problems.add(r.row, e.key, e.message);
      const id = given.idNumber;
      return { row: r.row, given, hash: id && ID_FORMAT.test(id) ? this.cipher.hash(id) : undefined };
    });

    const firstRowOf = new Map<string, number>();
    for (const p of parsed) {
      if (!p.hash) continue;
      const first = firstRowOf.get(p.hash);
      if (first !== undefined) problems.add(p.row, 'idNumber', `the same ID number is already in row ${first}`);
      else firstRowOf.set(p.hash, p.row);
    }
    const existing = await workersByHash(this.ctx.pool, this.workers, [...firstRowOf.keys()]);

    let plan: Planned[] = [];
    let unchanged = 0;
    parsed.forEach((p, n) => {
      if (n % 1000 === 0) ctx.progress(Math.floor(n / 2));
      const current = p.hash ? existing.get(p.hash) : undefined;
      // A row with cells that could not be read is not checked further: what it lacks follows from them.
      const planned = problems.has(p.row) ? undefined : this.check(ctx, p.row, p.given, current, problems);
      if (!planned || problems.has(p.row)) return;
      if (current && planned.changed.length === 0) unchanged++;
      else plan.push(planned);
    });
    plan = await this.checkHouseholds(plan, problems);
    const counts = {
      created: plan.filter((p) => !p.current).length,
      updated: plan.filter((p) => p.current).length,
      unchanged,
    };
    if (!refusesWhole(ctx, problems)) await this.write(ctx, plan, sheet.rows.length);
    return importOutcome(sheet.rows.length, problems, ctx, counts);
  }

  /** One household, one village: rows joining a household of another village are refused one by one. */
  private async checkHouseholds(plan: Planned[], problems: Problems): Promise<Planned[]> {
    const conflicts = await this.households.villageConflicts(
      this.ctx.pool,
      plan.map((p) => ({
        key: p.row,
        workerId: p.current?.id,
        householdNo: p.input.householdNo,
        homeVillageCode: p.input.homeVillageCode,
      })),
    );
    for (const [row, village] of conflicts) problems.add(row, 'householdNo', `household belongs to village ${village}`);
    return plan.filter((p) => !conflicts.has(p.row));
  }

  private check(
    ctx: ImportContext,
    row: number,
    given: RegistryGiven,
    current: WorkerRecord | undefined,
    problems: Problems,
  ): Planned | undefined {
    const p = ctx.principal;
    if (current && !canWrite(p, current.homeVillageCode)) {
      problems.add(row, 'idNumber', 'this person is registered in a village outside your scope');
      return undefined;
    }
    const before = current
      ? recordAsInput(current, this.cipher.decrypt(current.idNumberEnc), this.cipher.decrypt(current.phoneEnc))
      : undefined;
    const input = mergeRegistryRow(given, before, ctx.now);
    const invalid = this.#checkInput(input);
    for (const e of invalid) problems.add(row, e.key, e.message);
    if (invalid.length) return undefined;
    for (const e of validateWorkerFacts(input, this.taxonomy, ctx.today))
      problems.add(row, columnKeyOf(e.field), e.message);
    if (!canWrite(p, input.homeVillageCode)) problems.add(row, 'homeVillageCode', 'is outside your villages');
    if (problems.has(row)) return undefined;
    const changed = before ? changedFields(input, before) : [];
    return { row, input, ...(current ? { current } : {}), changed };
  }

  private async write(ctx: ImportContext, plan: Planned[], total: number): Promise<void> {
    const p = ctx.principal;
    const now = new Date().toISOString();
    const inserts: { id: string; createdBy: string; fields: Partial<WorkerRecord> }[] = [];
    const updates: { id: string; fields: Partial<WorkerRecord> }[] = [];
    const events: TongxinEvent[] = [];
    const members: WrittenMember[] = [];
    for (const item of plan) {
      if (!item.current) {
        const reg = registration(this.cipher, item.input, p);
        inserts.push({ id: reg.id, createdBy: p.sub, fields: reg.fields });
        const created = { ...reg.fields, id: reg.id, version: 1, updatedAt: now } as WorkerRecord;
        events.push(reg.event(created));
        members.push({ after: created });
      } else {
        const { idNumber: _id, phone, ...rest } = item.input;
        const c = item.current;
        const phoneChanged = item.changed.includes('phone');
        const fields: Partial<WorkerRecord> = {
          ...c,
          ...rest,
          ...(phoneChanged ? { phoneEnc: this.cipher.encrypt(phone), phoneMasked: maskPhone(phone) } : {}),
        };
        updates.push({ id: c.id, fields });
        const after = { ...c, ...fields, version: c.version + 1, updatedAt: now } as WorkerRecord;
        events.push(...workerChangeEvents(c, after, item.changed, 'import'));
        members.push({ after, previousNo: c.householdNo });
      }
    }
    ctx.progress(Math.floor(total / 2));
    await this.ctx
      .transaction(async (tx) => {
        // Rows read before the transaction must not have changed since: else the plan is stale.
        const locked = await this.workers.lockVersions(
          tx,
          updates.map((u) => u.id),
        );
        for (const item of plan) {
          if (item.current && locked.get(item.current.id) !== item.current.version) {
            throw importStaleRow(item.row);
          }
        }
        const step = 2000;
        for (let i = 0; i < inserts.length; i += step) {
          await this.workers.insertMany(tx, inserts.slice(i, i + step));
          ctx.progress(Math.floor(total / 2 + ((i + step) / Math.max(plan.length, 1)) * (total / 2) * 0.8));
        }
        await this.workers.updateMany(tx, updates);
        await this.ctx.outbox.addAll(tx, events);
        await this.households.follow(tx, members);
      })
      .catch((err: unknown) => {
        // Someone registered one of these ID numbers meanwhile: the unique index refuses the batch.
        if (err instanceof UniqueViolation && err.constraint === WORKERS_ID_NUMBER_UNIQUE)
          throw importRegisteredMeanwhile(err);
        throw err;
      });
    ctx.progress(total);
  }
}
