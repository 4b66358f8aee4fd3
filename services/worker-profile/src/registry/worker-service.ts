import { type Principal, inRegionScope } from '@tongxin/auth';
import { maskPhone } from '@tongxin/cn-codes';
import type { PoolClient } from '@tongxin/db';
import { regionShortName } from '@tongxin/regions';
import {
  GroupCommit,
  type Outcome,
  badRequest,
  forbidden,
  notFound,
  ServiceContext,
  pageBySeq,
} from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import { contactStage } from './applicant-access.ts';
import type { PiiCipher } from './pii-cipher.ts';
import type { WorkerInput, WorkerListQuery, WorkerPatch, WorkerView } from './schemas.ts';
import { validateWorkerFacts } from './validate-worker.ts';
import { type WorkerRecord, snapshotOf } from './worker.ts';
import { AuditLog, type UnmaskedRead } from './audit-log.ts';
import { ReadModelRepository } from './read-model-repository.ts';
import { type WorkerFilter, WorkerRepository } from './worker-repository.ts';
import { alreadyRegistered, householdOtherVillage, notSelfEditable, pendingChangeDecided } from '../errors.ts';
import { PendingChangeRepository } from './pending-changes.ts';
import { registration } from './registration.ts';
import { TOKENS } from '../tokens.ts';

import { HouseholdRoster } from '../households/household-roster.ts';

/**
 * What a worker changes in their own record at once (ADR 0020); the phone they may only propose,
 * for their officer to confirm; everything else (identity, village, household) only officers change.
 */
const SELF_EDITABLE = new Set([
  'skills',
  'tierPreferences',
  'expectedMinWage',
  'availableFrom',
  'employmentStatus',
  'education',
  'currentRegionCode',
]);
const SELF_PROPOSABLE = new Set(['phone']);

/** The audit entry of answering `records` with their phones in clear to the reader of `ctx`. */
function phoneRead(ctx: ReadContext, records: WorkerRecord[]): UnmaskedRead {
  const p = ctx.principal;
  return {
    actor: p.sub,
    actorRole: p.role,
    workerIds: records.map((r) => r.id),
    fields: ['phone'],
    purpose: ctx.purpose ?? (p.role === 'worker' ? 'own record' : 'case work'),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  };
}

/** A registration waiting for its group: who registers whom, and the request whose answer is audited. */
interface PendingRegistration {
  principal: Principal;
  input: WorkerInput;
  read?: ReadContext;
}

export interface ReadContext {
  principal: Principal;
  requestId?: string;
  /** Why unmasked data is read, for the audit log. */
  purpose?: string;
}

/** The information-registration ledger: who may do what, and the events each change emits. */
@injectable()
export class WorkerService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(ReadModelRepository) private readonly readModels: ReadModelRepository,
    @inject(HouseholdRoster) private readonly households: HouseholdRoster,
    @inject(PendingChangeRepository) private readonly pending: PendingChangeRepository,
  ) {}

  async register(ctx: ReadContext, input: WorkerInput): Promise<WorkerView> {
    const p = ctx.principal;
    if (p.role !== 'admin' && !(p.role === 'officer' && inRegionScope(p, input.homeVillageCode))) {
      throw forbidden('officers register workers of their own villages only');
    }
    this.check(input);
    const record = await this.#registrations.submit({ principal: p, input, read: ctx });
    // Whoever holds the new id may ask matching for it at once: the event goes out first (ADR 0019).
    await this.ctx.published();
    // Officers and administrators register, and read the phone in clear (audited with the write).
    return this.shape([record], true)[0]!;
  }

  /**
   * Registrations that arrive while one group is being written go in together as the next (ADR 0019):
   * one transaction of a few statements for the group instead of six round trips each, which held
   * the embedded database's one session and capped registration near 100/s.
   */
  readonly #registrations = new GroupCommit<PendingRegistration, WorkerRecord>((items) =>
    this.ctx.transaction((tx) => this.writeRegistrations(tx, items)),
  );

  /**
   * Enters a checked registration into the registry within the caller's transaction: the path of a
   * confirmed self-registration request. An ID number already on file is a 409, nothing written.
   */
  async registerIn(tx: PoolClient, p: Principal, input: WorkerInput): Promise<WorkerRecord> {
    const [outcome] = await this.writeRegistrations(tx, [{ principal: p, input }]);
    if (!outcome || 'error' in outcome) throw outcome?.error;
    return outcome.value;
  }

  /**
   * Writes checked registrations in the caller's transaction, each built with `registration()` as the
   * import builds its rows, and says what became of each: stored, or the 400 of a household of another
   * village or the 409 of an ID number on file (nothing of it written; the others go on). Their
   * worker.registered events, their households and the audit of the answers' phones go in with them.
   */
  private async writeRegistrations(tx: PoolClient, items: PendingRegistration[]): Promise<Outcome<WorkerRecord>[]> {
    const regs = items.map((it) => registration(this.cipher, it.input, it.principal));
    const outcomes: (Outcome<WorkerRecord> | undefined)[] = items.map(() => undefined);
    const joins = items.map((it, key) => ({
      key,
      householdNo: it.input.householdNo,
      homeVillageCode: it.input.homeVillageCode,
    }));
    for (const [i, village] of await this.households.villageConflicts(tx, joins)) {
      outcomes[i] = { error: householdOtherVillage(items[i]!.input.householdNo!, village) };
    }
    const rows = regs.flatMap((reg, i) =>
      outcomes[i] ? [] : [{ id: reg.id, createdBy: items[i]!.principal.sub, fields: reg.fields }],
    );
    const stored = new Map((await this.workers.insertNew(tx, rows)).map((w) => [w.id, w]));
    // Left out by the insert: the ID number is on file (or came earlier in this group).
    const taken = rows.filter((r) => !stored.has(r.id)).map((r) => r.fields.idNumberHash!);
    const holders = new Map((await this.workers.findByIdNumberHashes(tx, taken)).map((w) => [w.idNumberHash, w]));
    const written: { record: WorkerRecord; item: PendingRegistration; i: number }[] = [];
    regs.forEach((reg, i) => {
      if (outcomes[i]) return;
      const item = items[i]!;
      const record = stored.get(reg.id);
      if (record) {
        outcomes[i] = { value: record };
        written.push({ record, item, i });
        return;
      }
      const holder = holders.get(reg.fields.idNumberHash!);
      // The record is named only to whoever may read it: elsewhere its id would reveal the person.
      outcomes[i] = {
        error: !holder
          ? alreadyRegistered(undefined)
          : this.canRead(item.principal, holder)
            ? alreadyRegistered(holder.id)
            : alreadyRegistered(undefined, true),
      };
    });
    await this.ctx.outbox.addAll(
      tx,
      written.map((w) => regs[w.i]!.event(w.record)),
    );
    await this.households.follow(
      tx,
      written.map((w) => ({ after: w.record })),
    );
    await this.audit.unmaskedReads(
      tx,
      written.flatMap(({ record, item }) => (item.read ? [phoneRead(item.read, [record])] : [])),
    );
    return outcomes as Outcome<WorkerRecord>[];
  }

  /**
   * The worker whose ID number and phone on record are both these (ADR 0014: the gateway activating
   * a worker's account by phone code). An unknown ID number and a phone that does not match get the
   * same 404; the answer carries no ID number or phone. A match is recorded in the audit log, since
   * the phone on record was read in clear to compare it.
   */
  async identify(
    ctx: ReadContext,
    input: { idNumber: string; phone: string },
  ): Promise<{ workerId: string; name: string }> {
    const id = await this.workers.findIdByIdNumberHash(this.ctx.pool, this.cipher.hash(input.idNumber));
    const record = id ? await this.workers.findById(this.ctx.pool, id) : undefined;
    if (!record || this.cipher.decrypt(record.phoneEnc) !== input.phone) throw notFound('worker', 'with these details');
    await this.audit.unmaskedRead(this.ctx.pool, {
      actor: ctx.principal.sub,
      actorRole: ctx.principal.role,
      workerIds: [record.id],
      fields: ['phone'],
      purpose: ctx.purpose ?? 'account activation: ID number and phone compared',
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    });
    return { workerId: record.id, name: record.name };
  }

  async get(ctx: ReadContext, id: string): Promise<WorkerView> {
    const p = ctx.principal;
    const record = await this.workers.findById(this.ctx.pool, id);
    if (p.role === 'employer') return this.applicantView(ctx, id, record);
    if (!record || !this.canRead(p, record)) throw notFound('worker', id);
    return this.view(ctx, record);
  }

  /**
   * An employer reads only its applicants (known from placement's application events): phone and
   * ID number in clear, and audited, while one of its applications for the worker is at
   * `interview`, `offered` or `hired` and the employer is not suspended; masked otherwise.
   */
  private async applicantView(ctx: ReadContext, id: string, record: WorkerRecord | undefined): Promise<WorkerView> {
    const employerId = ctx.principal.employerId;
    const applications =
      record && employerId ? await this.readModels.employerApplications(this.ctx.pool, employerId, id) : [];
    if (!record || !employerId || applications.length === 0) throw notFound('worker', id);
    const stage = contactStage(applications, await this.readModels.employerSuspended(this.ctx.pool, employerId));
    const unmasked = stage !== undefined;
    if (unmasked) {
      await this.audit.unmaskedRead(this.ctx.pool, {
        actor: ctx.principal.sub,
        actorRole: 'employer',
        workerIds: [id],
        fields: ['phone', 'idNumber'],
        purpose: ctx.purpose ?? `applicant at ${stage}`,
        ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
      });
    }
    const [view] = this.shape([record], unmasked);
    return unmasked ? { ...view!, idNumber: this.cipher.decrypt(record.idNumberEnc) } : view!;
  }

  async update(ctx: ReadContext, id: string, patch: WorkerPatch): Promise<WorkerView> {
    const p = ctx.principal;
    if (p.role === 'worker') return this.selfUpdate(ctx, id, patch);
    if (p.role === 'employer') throw forbidden('only officers and administrators edit the registry');
    if (patch.homeVillageCode && !inRegionScope(p, patch.homeVillageCode)) {
      throw forbidden('a worker can only be moved to a village in your scope');
    }
    this.check(patch);
    const record = await this.ctx.transaction((tx) => this.updateIn(tx, p, id, patch));
    return this.view(ctx, record);
  }

  /**
   * A worker's edit of their own record (ADR 0020): skills, preferences and availability change at
   * once, through the officer's path (the same events); a phone becomes a proposal awaiting the
   * officer; any other field is refused, naming it, with nothing written.
   */
  private async selfUpdate(ctx: ReadContext, id: string, patch: WorkerPatch): Promise<WorkerView> {
    const p = ctx.principal;
    if (p.workerId !== id) throw notFound('worker', id);
    const refused = Object.keys(patch).filter((k) => !SELF_EDITABLE.has(k) && !SELF_PROPOSABLE.has(k));
    if (refused.length) throw notSelfEditable(refused);
    this.check(patch);
    const { phone, ...direct } = patch;
    const record = await this.ctx.transaction(async (tx) => {
      const current = Object.keys(direct).length
        ? await this.updateIn(tx, p, id, direct)
        : await this.workers.findById(tx, id, true);
      if (!current) throw notFound('worker', id);
      if (phone !== undefined) {
        const hash = this.cipher.hash(phone);
        // The phone already on record is no change to propose.
        if (this.cipher.decrypt(current.phoneEnc) !== phone) {
          await this.pending.propose(tx, {
            workerId: id,
            field: 'phone',
            valueEnc: this.cipher.encrypt(phone),
            valueHash: hash,
            valueMasked: maskPhone(phone),
            proposedBy: p.sub,
          });
        }
      }
      return current;
    });
    return this.view(ctx, record);
  }

  /**
   * An officer of the worker's village (or an administrator) decides a change the worker proposed.
   * Confirming applies it through the officer's update (worker.updated); deciding it again the same
   * way changes nothing; the other way is a 409.
   */
  async decidePendingChange(
    ctx: ReadContext,
    id: string,
    changeId: string,
    outcome: 'confirmed' | 'declined',
  ): Promise<WorkerView> {
    const p = ctx.principal;
    if (p.role !== 'officer' && p.role !== 'admin') throw forbidden('officers decide proposed changes');
    const record = await this.ctx.transaction(async (tx) => {
      const current = await this.workers.findById(tx, id, true);
      if (!current || !this.canRead(p, current)) throw notFound('worker', id);
      const change = await this.pending.find(tx, id, changeId, true);
      if (!change) throw notFound('pending change', changeId);
      if (change.outcome === outcome) return current;
      if (change.outcome) throw pendingChangeDecided(change.outcome);
      await this.pending.decide(tx, changeId, outcome, p.sub);
      if (outcome === 'declined') return current;
      return this.updateIn(tx, p, id, { [change.field]: this.cipher.decrypt(change.valueEnc) });
    });
    return this.view(ctx, record);
  }

  /** The officer's update within a transaction: checks, writes and announces (worker.updated, skills-changed). */
  private async updateIn(tx: PoolClient, p: Principal, id: string, patch: WorkerPatch): Promise<WorkerRecord> {
    const current = await this.workers.findById(tx, id, true);
    if (!current || !this.canRead(p, current)) throw notFound('worker', id);
    const merged = { ...current, ...patch };
    // The birth date and gender must keep agreeing with the ID number on file.
    const facts = validateWorkerFacts(
      {
        idNumber: this.cipher.decrypt(current.idNumberEnc),
        birthDate: merged.birthDate,
        gender: merged.gender,
      } as WorkerPatch,
      this.taxonomy,
      this.today(),
    );
    if (facts.length)
      throw badRequest('VALIDATION_FAILED', facts.map((e) => `${e.field}: ${e.message}`).join('; '), facts);
    const fields: Partial<WorkerRecord> = { ...patch };
    if (patch.phone) {
      fields.phoneEnc = this.cipher.encrypt(patch.phone);
      fields.phoneMasked = maskPhone(patch.phone);
    }
    const changed = Object.keys(patch).filter(
      (k) => JSON.stringify(Reflect.get(current, k)) !== JSON.stringify((patch as Record<string, unknown>)[k]),
    );
    if (changed.length === 0) return current;
    await this.households.assertSameVillage(tx, {
      key: id,
      workerId: id,
      householdNo: merged.householdNo,
      homeVillageCode: merged.homeVillageCode,
    });
    const updated = await this.workers.update(tx, id, fields);
    await this.households.follow(tx, [{ after: updated, previousNo: current.householdNo }]);
    await this.ctx.emit(tx, 'worker.updated', id, { worker: snapshotOf(updated), changed });
    if (changed.includes('skills')) {
      await this.ctx.emit(tx, 'worker.skills-changed', id, {
        workerId: id,
        skills: updated.skills,
        previous: current.skills,
        reason: 'edited',
      });
    }
    return updated;
  }

  async list(ctx: ReadContext, q: WorkerListQuery): Promise<{ items: WorkerView[]; nextCursor?: string }> {
    const p = ctx.principal;
    if (p.role === 'employer') throw forbidden('employers see applicants through their openings');
    if (p.role === 'worker') {
      const self = p.workerId ? await this.workers.findById(this.ctx.pool, p.workerId) : undefined;
      return { items: self ? [await this.view(ctx, self)] : [] };
    }
    // Views are built for the whole page at once (one read-model query), so the page is cut first.
    const page = await pageBySeq(
      q,
      (window) =>
        this.workers.list(this.ctx.pool, {
          ...(p.role === 'officer' ? { scope: p.regions ?? [] } : {}),
          ...(q.village ? { village: q.village } : {}),
          ...(q.township ? { township: q.township } : {}),
          ...(q.householdStatus ? { householdStatus: q.householdStatus } : {}),
          ...(q.relocated !== undefined ? { relocated: q.relocated } : {}),
          ...(q.employmentStatus ? { employmentStatus: q.employmentStatus } : {}),
          ...(q.skill ? { skill: this.taxonomy.resolve(q.skill) ?? q.skill } : {}),
          ...this.textFilter(q.q),
          ...window,
        }),
      (r) => r,
    );
    return { ...page, items: await this.views(ctx, page.items) };
  }

  /** `q`: a whole ID number finds its holder by hash; anything else is a part of a name. */
  private textFilter(q: string | undefined): Pick<WorkerFilter, 'nameContains' | 'idNumberHash'> {
    const text = q?.trim();
    if (!text) return {};
    if (/^[0-9]{17}[0-9Xx]$/.test(text)) return { idNumberHash: this.cipher.hash(text) };
    return { nameContains: text };
  }

  private check(input: WorkerInput | WorkerPatch): void {
    const errors = validateWorkerFacts(input, this.taxonomy, this.today());
    if (errors.length)
      throw badRequest('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  }

  private canRead(p: Principal, w: WorkerRecord): boolean {
    if (p.role === 'worker') return p.workerId === w.id;
    return p.role !== 'employer' && inRegionScope(p, w.homeVillageCode);
  }

  /** Phone in clear for the worker and officers in scope; every such read is audited. */
  private async view(ctx: ReadContext, w: WorkerRecord): Promise<WorkerView> {
    const view = (await this.views(ctx, [w]))[0] as WorkerView;
    const pending = await this.pending.openFor(this.ctx.pool, [w.id]);
    if (pending.length === 0) return view;
    return {
      ...view,
      pendingChanges: pending.map((c) => ({
        id: c.id,
        field: c.field,
        value: c.valueMasked,
        proposedAt: c.proposedAt,
        awaiting: 'officer' as const,
      })),
    };
  }

  private async views(ctx: ReadContext, records: WorkerRecord[]): Promise<WorkerView[]> {
    const p = ctx.principal;
    const unmasked = p.role === 'worker' || p.role === 'officer' || p.role === 'admin';
    if (unmasked) await this.audit.unmaskedRead(this.ctx.pool, phoneRead(ctx, records));
    return this.shape(records, unmasked);
  }

  private shape(records: WorkerRecord[], unmasked: boolean): WorkerView[] {
    return records.map((w) => {
      const {
        idNumberEnc: _e,
        idNumberHash: _h,
        idNumberMasked,
        phoneEnc,
        phoneMasked,
        seq: _s,
        createdBy: _c,
        ...rest
      } = w;
      const villageName = regionShortName(w.homeVillageCode);
      return {
        ...rest,
        idNumber: idNumberMasked,
        phone: unmasked ? this.cipher.decrypt(phoneEnc) : phoneMasked,
        townshipCode: w.homeVillageCode.slice(0, 9),
        ...(villageName ? { homeVillageName: villageName } : {}),
      };
    });
  }

  private today(): string {
    return this.ctx.calendar.today();
  }
}
