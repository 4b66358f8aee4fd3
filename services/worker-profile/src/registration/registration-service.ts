import { randomUUID } from 'node:crypto';
import { type Principal, inRegionScope } from '@tongxin/auth';
import { maskIdNumber, maskPhone, validateIdNumber } from '@tongxin/cn-codes';
import type { PoolClient, Queryable } from '@tongxin/db';
import { HOME_COUNTY, countyOf, regionShortName } from '@tongxin/regions';
import { ServiceContext, forbidden, invalidField, invalidFields, notFound, pageBySeq } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import { requestDecided } from '../errors.ts';
import { stableJson } from '../imports/import-types.ts';
import { readScope } from '../ledgers/rules.ts';
import { AuditLog } from '../registry/audit-log.ts';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import type { WorkerInput } from '../registry/schemas.ts';
import { validateWorkerFacts } from '../registry/validate-worker.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { type ReadContext, WorkerService } from '../registry/worker-service.ts';
import { TOKENS } from '../tokens.ts';
import { DECISION_DAYS, type RequestFields, type RequestRecord, addDays, maskName } from './registration-request.ts';
import { RegistrationRequestRepository } from './registration-request-repository.ts';
import type {
  Corrections,
  RegistrationRequestInput,
  RegistrationRequestQuery,
  RegistrationRequestView,
} from './schemas.ts';

/**
 * Self-registration (自助登记, ADR 0015): anyone may ask to be registered; only an officer of the
 * chosen village (or an administrator) turns the request into a worker, through the registry's own
 * registration. The answer to a submission never tells whether the ID number is registered.
 */
@injectable()
export class RegistrationService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(RegistrationRequestRepository) private readonly requests: RegistrationRequestRepository,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(WorkerService) private readonly registry: WorkerService,
    @inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** Stores the request (a retry of the same submission finds the waiting one) and tells the village's officers. */
  async submit(input: RegistrationRequestInput): Promise<{ requestId: string }> {
    const idNumber = input.idNumber.toUpperCase();
    const facts = this.checked({ ...input, idNumber });
    const now = this.ctx.clock();
    const { name, phone, homeVillageCode, consent, idNumber: _id, ...rest } = { ...input, ...facts };
    const fields: RequestFields = {
      ...rest,
      consent: { version: consent.version, at: consent.at ?? now.toISOString() },
    };
    const dueDate = addDays(this.ctx.calendar.dateOf(now), DECISION_DAYS);
    // The keyed hash of everything given but the moment of consent: the same submission sent again.
    const submissionHash = this.cipher.hash(stableJson({ ...input, idNumber, consent: { version: consent.version } }));
    return this.ctx.transaction(async (tx) => {
      const { id, created } = await this.requests.insert(tx, {
        id: randomUUID(),
        homeVillageCode,
        name,
        fields,
        idNumberEnc: this.cipher.encrypt(idNumber),
        idNumberHash: this.cipher.hash(idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        phoneEnc: this.cipher.encrypt(phone),
        phoneMasked: maskPhone(phone),
        submissionHash,
        submittedAt: now.toISOString(),
        dueDate,
      });
      if (created) {
        await this.ctx.emit(tx, 'registration-request.submitted', id, {
          requestId: id,
          homeVillageCode,
          nameMasked: maskName(name),
          submittedAt: now.toISOString(),
          dueDate,
        });
      }
      return { requestId: id };
    });
  }

  async list(
    p: Principal,
    q: RegistrationRequestQuery,
  ): Promise<{ items: RegistrationRequestView[]; nextCursor?: string }> {
    const scope = readScope(p);
    const page = await pageBySeq(
      q,
      (window) =>
        this.requests.list(this.ctx.pool, {
          ...(scope ? { scope } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.village ? { village: q.village } : {}),
          ...(q.township ? { township: q.township } : {}),
          ...window,
        }),
      (r) => r,
    );
    return { ...page, items: await this.views(this.ctx.pool, p, page.items, false) };
  }

  /** One request with its ID number and phone in clear, for the officer deciding it: the read is audited. */
  async get(ctx: ReadContext, id: string): Promise<RegistrationRequestView> {
    const request = await this.readable(this.ctx.pool, ctx.principal, id);
    await this.audit.requestRead(this.ctx.pool, {
      actor: ctx.principal.sub,
      actorRole: ctx.principal.role,
      workerIds: request.workerId ? [request.workerId] : [],
      fields: ['phone', 'idNumber'],
      purpose: ctx.purpose ?? `registration-request:${id}`,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    });
    return (await this.views(this.ctx.pool, ctx.principal, [request], true))[0]!;
  }

  /**
   * Registers the person, with the officer's corrections, through the registry's registration, and
   * marks the request confirmed in the same transaction. Confirming again answers the same worker.
   */
  async confirm(p: Principal, id: string, corrections: Corrections = {}): Promise<RegistrationRequestView> {
    const decided = await this.ctx.transaction(async (tx) => {
      const request = await this.readable(tx, p, id, true);
      if (request.status === 'confirmed') return request;
      if (request.status === 'declined') throw requestDecided('declined');
      const input = this.workerInput(request, corrections);
      if (p.role !== 'admin' && !inRegionScope(p, input.homeVillageCode))
        throw forbidden('officers register workers of their own villages only');
      const worker = await this.registry.registerIn(tx, p, input);
      return this.decide(tx, request, { status: 'confirmed', decidedBy: p.sub, workerId: worker.id });
    });
    await this.ctx.published();
    return (await this.views(this.ctx.pool, p, [decided], false))[0]!;
  }

  /** Declines the request: nothing enters the registry. Declining again answers the same. */
  async decline(p: Principal, id: string, reason: string): Promise<RegistrationRequestView> {
    const decided = await this.ctx.transaction(async (tx) => {
      const request = await this.readable(tx, p, id, true);
      if (request.status === 'declined') return request;
      if (request.status === 'confirmed') throw requestDecided('confirmed', request.workerId);
      return this.decide(tx, request, { status: 'declined', decidedBy: p.sub, declineReason: reason });
    });
    return (await this.views(this.ctx.pool, p, [decided], false))[0]!;
  }

  /** Waiting requests in the caller's scope, oldest first (the worklist). */
  async waiting(p: Principal, limit: number): Promise<RequestRecord[]> {
    const scope = readScope(p);
    return this.requests.list(this.ctx.pool, { ...(scope ? { scope } : {}), status: 'waiting', limit });
  }

  private async decide(
    tx: PoolClient,
    request: RequestRecord,
    d: { status: 'confirmed' | 'declined'; decidedBy: string; workerId?: string; declineReason?: string },
  ): Promise<RequestRecord> {
    const decidedAt = this.ctx.clock().toISOString();
    const saved = await this.requests.decide(tx, request.id, { ...d, decidedAt });
    await this.ctx.emit(tx, 'registration-request.decided', request.id, {
      requestId: request.id,
      homeVillageCode: request.homeVillageCode,
      decision: d.status,
      ...(d.workerId ? { workerId: d.workerId } : {}),
      decidedBy: d.decidedBy,
      decidedAt,
    });
    return saved;
  }

  /** The registry's input from the request and the officer's corrections, checked as the registry checks it. */
  private workerInput(request: RequestRecord, corrections: Corrections): WorkerInput {
    const given: RegistrationRequestInput = {
      name: request.name,
      idNumber: this.cipher.decrypt(request.idNumberEnc),
      phone: this.cipher.decrypt(request.phoneEnc),
      homeVillageCode: request.homeVillageCode,
      ...request.fields,
    };
    const { householdStatus, householdSize, relocated, relocation, ...own } = corrections;
    // A corrected ID number brings its own birth date and gender unless those are corrected too.
    const merged = { ...given, ...own };
    if (own.idNumber) {
      merged.idNumber = own.idNumber.toUpperCase();
      if (!own.birthDate) delete merged.birthDate;
      if (!own.gender) delete merged.gender;
    }
    const facts = this.checked(merged);
    const { consent, ...rest } = { ...merged, ...facts };
    return {
      ...rest,
      consent: { version: consent.version, at: consent.at ?? request.submittedAt },
      ...(householdStatus ? { householdStatus } : {}),
      ...(householdSize ? { householdSize } : {}),
      ...(relocated !== undefined ? { relocated } : {}),
      ...(relocation ? { relocation } : {}),
    } as WorkerInput;
  }

  /**
   * The registry's checks (ID check digit, agreement with birth date and gender, real village,
   * taxonomy skills) plus the county: the village is one of the home county's. Gender and birth
   * date, when not given, are the ID number's.
   */
  private checked(input: RegistrationRequestInput): { gender: 'male' | 'female'; birthDate: string } {
    const errors = validateWorkerFacts(input as unknown as WorkerInput, this.taxonomy, this.ctx.calendar.today());
    if (!errors.some((e) => e.field === 'homeVillageCode') && countyOf(input.homeVillageCode) !== HOME_COUNTY)
      errors.push({ field: 'homeVillageCode', message: `not a village of the county (${HOME_COUNTY})` });
    if (errors.length) throw invalidFields(errors);
    const id = validateIdNumber(input.idNumber);
    if (!id.ok) throw invalidField('idNumber', 'invalid');
    return { gender: input.gender ?? id.gender, birthDate: input.birthDate ?? id.birthDate };
  }

  /** The request when the caller may decide it; outside an officer's villages it does not exist. */
  private async readable(db: Queryable, p: Principal, id: string, forUpdate = false): Promise<RequestRecord> {
    readScope(p);
    const request = await this.requests.findById(db, id, forUpdate);
    if (!request || !inRegionScope(p, request.homeVillageCode)) throw notFound('registration request', id);
    return request;
  }

  private async views(
    db: Queryable,
    p: Principal,
    records: RequestRecord[],
    unmasked: boolean,
  ): Promise<RegistrationRequestView[]> {
    const registered = await this.workers.findByIdNumberHashes(
      db,
      records.filter((r) => r.status === 'waiting').map((r) => r.idNumberHash),
    );
    const byHash = new Map(registered.map((w) => [w.idNumberHash, w]));
    return records.map((r) => {
      const existing = byHash.get(r.idNumberHash);
      const { consent, ...fields } = r.fields;
      const villageName = regionShortName(r.homeVillageCode);
      return {
        id: r.id,
        status: r.status,
        name: r.name,
        idNumber: unmasked ? this.cipher.decrypt(r.idNumberEnc) : r.idNumberMasked,
        phone: unmasked ? this.cipher.decrypt(r.phoneEnc) : r.phoneMasked,
        homeVillageCode: r.homeVillageCode,
        ...(villageName ? { homeVillageName: villageName } : {}),
        ...fields,
        skills: fields.skills ?? [],
        consent,
        alreadyRegistered: existing !== undefined,
        ...(existing && (p.role === 'admin' || inRegionScope(p, existing.homeVillageCode))
          ? { existingWorkerId: existing.id }
          : {}),
        submittedAt: r.submittedAt,
        dueDate: r.dueDate,
        ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
        ...(r.decidedBy ? { decidedBy: r.decidedBy } : {}),
        ...(r.declineReason ? { declineReason: r.declineReason } : {}),
        ...(r.workerId ? { workerId: r.workerId } : {}),
      };
    });
  }
}
