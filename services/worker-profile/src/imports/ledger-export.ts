import type { Principal } from '@tongxin/auth';
import { ProblemError, forbidden, ServiceContext } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import { inject, injectable } from 'tsyringe';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import type { WorkerRecord } from '../registry/worker.ts';
import { ActivityRepository } from '../ledgers/activities/activity-repository.ts';
import { AuditLog } from '../registry/audit-log.ts';
import { IncomeRepository } from '../ledgers/incomes/income-repository.ts';
import { PartyRepository } from '../ledgers/party/party-repository.ts';
import { ServiceRecordRepository } from '../ledgers/services/service-record-repository.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { COLUMNS, LEDGER_TITLES, type Ledger } from './columns.ts';
import { ACTIVITY, CHANNEL, INCOME_SOURCE, PARTY_ROLE, SERVICE, VERIFIED } from './labels.ts';
import { recordAsInput, registryRow } from './registry-rows.ts';
import { writeSheet } from './sheet/write-sheet.ts';
import { REGISTRY_EXAMPLE, templateLists } from './template-lists.ts';
import { TOKENS } from '../tokens.ts';
import { UnionRepository } from '../union/union-repository.ts';

export interface ExportFile {
  fileName: string;
  body: Buffer;
}

/**
 * Exports a ledger of a village or township as xlsx with the importer's headers. The ID number is
 * the ledgers' natural key, so exports carry it in full: only officers in scope and administrators
 * export, and every export is written to the audit log with purpose `export` and the workers in it.
 */
@injectable()
export class LedgerExport {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(ServiceRecordRepository) private readonly services: ServiceRecordRepository,
    @inject(IncomeRepository) private readonly incomes: IncomeRepository,
    @inject(PartyRepository) private readonly party: PartyRepository,
    @inject(ActivityRepository) private readonly activities: ActivityRepository,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(UnionRepository) private readonly union: UnionRepository,
  ) {}

  /** An empty ledger with drop-down lists (the officer's villages by name) and, for the registry, an example. */
  template(ledger: Ledger, p: Principal): Promise<Buffer> {
    return writeSheet(LEDGER_TITLES[ledger], COLUMNS[ledger], [], {
      lists: templateLists(ledger, p),
      ...(ledger === 'registry' ? { example: REGISTRY_EXAMPLE } : {}),
    });
  }

  async export(
    p: Principal,
    ledger: Ledger,
    q: { village?: string; township?: string },
    requestId?: string,
  ): Promise<ExportFile> {
    if (p.role !== 'officer' && p.role !== 'admin')
      throw forbidden('ledgers are exported by officers and administrators');
    const region = q.village ?? q.township;
    const scope = p.role === 'admin' ? undefined : (p.regions ?? []);
    let prefixes: string[];
    if (!scope) prefixes = [region ?? ''];
    else if (!region) prefixes = scope;
    else if (scope.some((s) => region.startsWith(s))) prefixes = [region];
    else {
      prefixes = scope.filter((s) => s.startsWith(region));
      if (prefixes.length === 0) {
        const field = q.village ? 'village' : 'township';
        throw new ProblemError(403, 'FORBIDDEN', 'Forbidden', `${field} ${region} is outside your villages`, {
          errors: [{ field, message: 'is outside your villages' }],
        });
      }
    }
    const { rows, workerIds } = await this.rows(ledger, prefixes);
    await this.audit.unmaskedRead(this.ctx.pool, {
      actor: p.sub,
      actorRole: p.role,
      workerIds,
      fields: ledger === 'registry' ? ['idNumber', 'phone'] : ['idNumber'],
      purpose: 'export',
      ...(requestId ? { requestId } : {}),
    });
    const body = await writeSheet(LEDGER_TITLES[ledger], COLUMNS[ledger], rows);
    return { fileName: `${ledger}-${region ?? 'all'}.xlsx`, body };
  }

  private async rows(
    ledger: Ledger,
    prefixes: string[],
  ): Promise<{ rows: Record<string, string | number>[]; workerIds: string[] }> {
    if (ledger === 'activities') {
      const rows = (await this.activities.listInRegion(this.ctx.pool, prefixes)).map((a) => ({
        kind: ACTIVITY.label(a.kind),
        regionCode: a.regionCode,
        date: a.date,
        title: a.title ?? '',
        participants: a.participants ?? '',
        note: a.note ?? '',
      }));
      return { rows, workerIds: [] };
    }
    // The people an export may name: those living in the exported villages now. Ledger rows can
    // point elsewhere (a party group's member or contact from another township, a person who moved
    // away): such rows and names are left out, never shown with another township's ID numbers.
    const workers = await this.workers.listInRegion(this.ctx.pool, prefixes);
    const byId = new Map(workers.map((w) => [w.id, w]));
    const inRegion = (workerId: string) => byId.has(workerId);
    const idOf = (w: WorkerRecord) => this.cipher.decrypt(w.idNumberEnc);
    if (ledger === 'registry') {
      return {
        rows: workers.map((w) =>
          registryRow(recordAsInput(w, idOf(w), this.cipher.decrypt(w.phoneEnc)), this.taxonomy),
        ),
        workerIds: workers.map((w) => w.id),
      };
    }
    const ids = new Map<string, string>();
    const id = (workerId: string) => {
      let v = ids.get(workerId);
      const w = byId.get(workerId);
      if (v === undefined && w) ids.set(workerId, (v = idOf(w)));
      return v ?? '';
    };
    if (ledger === 'services') {
      const rows = (await this.services.listInRegion(this.ctx.pool, prefixes))
        .filter((s) => inRegion(s.workerId))
        .map((s) => ({
          idNumber: id(s.workerId),
          name: s.workerName ?? '',
          service: SERVICE.label(s.service),
          date: s.date,
          channel: CHANNEL.label(s.channel),
          note: s.note ?? '',
          outcome: s.outcome ?? '',
          officerId: s.officerId,
          department: s.department ?? '',
        }));
      return { rows, workerIds: [...ids.keys()] };
    }
    if (ledger === 'union') {
      const rows = (await this.union.listInRegion(this.ctx.pool, prefixes)).map((m) => ({
        idNumber: id(m.workerId),
        name: m.workerName ?? '',
        workGroup: m.workGroupName ?? '',
        membershipNo: m.membershipNo,
        joinedOn: m.joinedOn,
        leftOn: m.leftOn ?? '',
      }));
      return { rows, workerIds: [...ids.keys()] };
    }
    if (ledger === 'incomes') {
      const rows = (await this.incomes.listInRegion(this.ctx.pool, prefixes))
        .filter((i) => inRegion(i.workerId))
        .map((i) => ({
          idNumber: id(i.workerId),
          name: byId.get(i.workerId)?.name ?? '',
          month: i.month,
          amount: i.amount,
          source: INCOME_SOURCE.label(i.source),
          employerName: i.employerName ?? '',
          verified: VERIFIED.label(i.verified),
          note: i.note ?? '',
        }));
      return { rows, workerIds: [...ids.keys()] };
    }
    const groups = await this.party.listGroups(this.ctx.pool, prefixes, undefined, 100_000);
    const members = await this.party.membersOf(
      this.ctx.pool,
      groups.map((g) => g.id),
    );
    const contacts = await this.party.contactsOf(
      this.ctx.pool,
      members.map((m) => m.id),
    );
    const rows: Record<string, string | number>[] = [];
    for (const m of members) {
      if (!inRegion(m.workerId)) continue;
      const g = groups.find((x) => x.id === m.groupId)!;
      rows.push({
        role: PARTY_ROLE.label(m.mobile ? 'mobile_member' : 'member'),
        idNumber: id(m.workerId),
        name: m.workerName ?? '',
        group: g.name,
        groupVillageCode: g.villageCode,
        leaderName: g.leaderName,
        joinedPartyAt: m.joinedPartyAt ?? '',
        contacts: contacts
          .filter((c) => c.memberId === m.id && inRegion(c.workerId))
          .map((c) => id(c.workerId))
          .join('；'),
        appliedAt: '',
        activistAt: '',
      });
    }
    for (const a of await this.party.listApplications(this.ctx.pool, prefixes, undefined, 100_000)) {
      if (!inRegion(a.workerId)) continue;
      rows.push({
        role: PARTY_ROLE.label(a.activistAt ? 'activist' : 'applicant'),
        idNumber: id(a.workerId),
        name: a.workerName ?? '',
        group: '',
        groupVillageCode: '',
        leaderName: '',
        joinedPartyAt: '',
        contacts: '',
        appliedAt: a.appliedAt,
        activistAt: a.activistAt ?? '',
      });
    }
    return { rows, workerIds: [...ids.keys()] };
  }
}
