import { randomUUID } from 'node:crypto';
import { type Pool, withTransaction } from '@tongxin/db';
import { type TongxinEvent, createEvent } from '@tongxin/events';
import { isKnownRegion } from '@tongxin/regions';
import type { Outbox } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import type { PiiCipher } from '../registry/pii-cipher.ts';
import type { ServiceKind } from '../ledgers/schemas.ts';
import { countsAsContact, toFen } from '../ledgers/rules.ts';
import type { WorkerRecord } from '../registry/worker.ts';
import { type ActivityRecord, ActivityRepository } from '../ledgers/activities/activity-repository.ts';
import { type NewIncome, IncomeRepository, incomeKey } from '../ledgers/incomes/income-repository.ts';
import { type PartyGroupRecord, PartyRepository } from '../ledgers/party/party-repository.ts';
import { type NewServiceRecord, ServiceRecordRepository } from '../ledgers/services/service-record-repository.ts';
import { WorkerRepository } from '../registry/worker-repository.ts';
import { ACTIVITY_COLUMNS, INCOME_COLUMNS, PARTY_COLUMNS, SERVICE_COLUMNS, locateColumns } from './columns.ts';
import {
  ACTIVITY,
  CHANNEL,
  type Labels,
  INCOME_SOURCE,
  PARTY_ROLE,
  SERVICE,
  VERIFIED,
  parseDate,
  parseMonth,
  splitList,
} from './labels.ts';
import type { Sheet } from './sheet/read-sheet.ts';
import { TOKENS } from '../tokens.ts';
import { incomeRecordedEvent, sameIncome } from '../ledgers/incomes/income-ledger.ts';
import { groupEventData, partyContactLinkedEvent, partyMemberAddedEvent } from '../ledgers/party/party-ledger.ts';
import { activityRecordedEvent, serviceRecordedEvent } from '../ledgers/services/service-ledger.ts';
import { SOURCE } from '../registry/worker-changes.ts';
import { type ImportContext, type ImportOutcome, Problems, canWrite, cellReader } from './import-types.ts';
import { lookupWorkers, rowWorker } from './worker-lookup.ts';

const activityKey = (a: { regionCode: string; kind: string; date: string; title?: string }) =>
  `${a.regionCode}|${a.kind}|${a.date}|${a.title ?? ''}`;

const serviceKey = (r: { workerId: string; service: string; date: string; channel: string; note?: string }) =>
  `${r.workerId}|${r.service}|${r.date}|${r.channel}|${r.note ?? ''}`;

/** A required coded cell read through its labels; a problem names the choices when it is none of them. */
function required<T extends string>(
  labels: Labels<T>,
  text: string,
  row: number,
  key: string,
  problems: Problems,
): T | undefined {
  const value = labels.parse(text);
  if (!value) problems.add(row, key, text ? `"${text}" is not one of ${labels.choices}` : 'is required');
  return value;
}

/** A required `date` cell: a date after 2000 and not after today. */
function requiredPastDate(text: string, row: number, today: string, problems: Problems): string | undefined {
  const date = parseDate(text);
  if (!date) problems.add(row, 'date', text ? `"${text}" is not a date` : 'is required');
  else if (date > today || date < '2000-01-01') problems.add(row, 'date', 'must be a past date after 2000');
  return date;
}

/** The outcome of an import that wrote its valid rows. */
const written = (
  sheet: Sheet,
  problems: Problems,
  counts: { created: number; updated: number; unchanged: number },
): ImportOutcome => ({
  total: sheet.rows.length,
  ...counts,
  invalid: problems.rowCount,
  written: true,
  errors: problems.list,
});

/** The outcome of an import refused whole: `all` mode and at least one invalid row; else undefined. */
function refusedOutcome(sheet: Sheet, problems: Problems, ctx: ImportContext): ImportOutcome | undefined {
  if (problems.rowCount > 0 && ctx.mode === 'all') {
    return {
      total: sheet.rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      invalid: problems.rowCount,
      written: false,
      errors: problems.list,
    };
  }
  return undefined;
}

/** Imports of the service, income, party-building and 六个一 activity ledgers; all but the activities name workers by ID number. */
@injectable()
export class LedgerImports {
  constructor(
    @inject(TOKENS.Pool) private readonly pool: Pool,
    @inject(TOKENS.PiiCipher) private readonly cipher: PiiCipher,
    @inject(WorkerRepository) private readonly workers: WorkerRepository,
    @inject(ServiceRecordRepository) private readonly services: ServiceRecordRepository,
    @inject(IncomeRepository) private readonly incomes: IncomeRepository,
    @inject(PartyRepository) private readonly party: PartyRepository,
    @inject(ActivityRepository) private readonly activities: ActivityRepository,
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
  ) {}

  /**
   * 六个一 activities match on (region, kind, date, name); a different content or head count is a
   * correction of that entry. The importer is recorded as the officer who held it.
   */
  async importActivities(ctx: ImportContext, sheet: Sheet): Promise<ImportOutcome> {
    const at = locateColumns(sheet.headers, ACTIVITY_COLUMNS);
    const problems = new Problems(ACTIVITY_COLUMNS);
    const candidates: { row: number; a: Omit<ActivityRecord, 'seq' | 'createdAt'> }[] = [];
    for (const r of sheet.rows) {
      const cell = cellReader(r, at);
      const kind = required(ACTIVITY, cell('kind'), r.row, 'kind', problems);
      const regionCode = cell('regionCode');
      if (!regionCode) problems.add(r.row, 'regionCode', 'is required');
      else if (!/^(\d{9}|\d{12})$/.test(regionCode) || !isKnownRegion(regionCode))
        problems.add(r.row, 'regionCode', `"${regionCode}" is not a known village or township code`);
      else if (!canWrite(ctx.principal, regionCode)) problems.add(r.row, 'regionCode', 'is outside your villages');
      const date = requiredPastDate(cell('date'), r.row, ctx.today, problems);
      const title = cell('title');
      const note = cell('note');
      const count = cell('participants');
      const participants = count === '' ? undefined : /^\d{1,6}$/.test(count) ? Number(count) : NaN;
      if (title.length > 200) problems.add(r.row, 'title', 'is longer than 200 characters');
      if (note.length > 1000) problems.add(r.row, 'note', 'is longer than 1000 characters');
      if (Number.isNaN(participants) || (participants ?? 0) > 100_000)
        problems.add(r.row, 'participants', 'must be a whole number of people up to 100,000');
      if (!kind || !date || problems.has(r.row)) continue;
      candidates.push({
        row: r.row,
        a: {
          id: randomUUID(),
          kind,
          regionCode,
          date,
          officerId: ctx.principal.sub,
          ...(title ? { title } : {}),
          ...(note ? { note } : {}),
          ...(participants !== undefined ? { participants } : {}),
        },
      });
    }
    const existing = new Map(
      (await this.activities.forRegions(this.pool, [...new Set(candidates.map((c) => c.a.regionCode))])).map((a) => [
        activityKey(a),
        a,
      ]),
    );
    const seen = new Map<string, number>();
    const inserts: typeof candidates = [];
    const changes: { id: string; note: string | undefined; participants: number | undefined }[] = [];
    let unchanged = 0;
    for (const c of candidates) {
      const key = activityKey(c.a);
      if (seen.has(key)) {
        problems.add(c.row, 'title', `repeats row ${seen.get(key)} (same place, kind, date and name)`);
        continue;
      }
      seen.set(key, c.row);
      const old = existing.get(key);
      if (!old) inserts.push(c);
      else if ((old.note ?? '') === (c.a.note ?? '') && old.participants === c.a.participants) unchanged++;
      else changes.push({ id: old.id, note: c.a.note, participants: c.a.participants });
    }
    const refused = refusedOutcome(sheet, problems, ctx);
    if (refused) return refused;
    ctx.progress(Math.floor(sheet.rows.length / 2));
    await withTransaction(this.pool, async (tx) => {
      const events: TongxinEvent[] = [];
      for (const { a } of inserts) events.push(activityRecordedEvent(await this.activities.insert(tx, a)));
      for (const c of changes) events.push(activityRecordedEvent(await this.activities.update(tx, c.id, c)));
      await this.outbox.addAll(tx, events);
    });
    return written(sheet, problems, { created: inserts.length, updated: changes.length, unchanged });
  }

  /** Services match existing records on (worker, service, date, channel, content); a new result is an update. */
  async importServices(ctx: ImportContext, sheet: Sheet): Promise<ImportOutcome> {
    const at = locateColumns(sheet.headers, SERVICE_COLUMNS);
    const problems = new Problems(SERVICE_COLUMNS);
    const byHash = await lookupWorkers(
      this.pool,
      this.workers,
      this.cipher,
      sheet.rows.map((r) => cellReader(r, at)('idNumber').toUpperCase()),
    );
    const candidates: { row: number; rec: NewServiceRecord }[] = [];
    for (const r of sheet.rows) {
      const cell = cellReader(r, at);
      const w = rowWorker(ctx, r.row, cell('idNumber'), cell('name'), byHash, this.cipher, problems);
      const service = required(SERVICE, cell('service'), r.row, 'service', problems);
      const date = requiredPastDate(cell('date'), r.row, ctx.today, problems);
      const channel = required(CHANNEL, cell('channel'), r.row, 'channel', problems);
      const note = cell('note');
      const result = cell('outcome');
      const officerId = cell('officerId') || ctx.principal.sub;
      if (note.length > 1000) problems.add(r.row, 'note', 'is longer than 1000 characters');
      if (result.length > 500) problems.add(r.row, 'outcome', 'is longer than 500 characters');
      if (officerId.length > 64) problems.add(r.row, 'officerId', 'is longer than 64 characters');
      if (!w || !service || !date || !channel || problems.has(r.row)) continue;
      candidates.push({
        row: r.row,
        rec: {
          id: randomUUID(),
          workerId: w.id,
          homeVillageCode: w.homeVillageCode,
          service: service as ServiceKind,
          date,
          channel,
          officerId,
          ...(note ? { note } : {}),
          ...(result ? { outcome: result } : {}),
          source: 'import',
          recordedBy: ctx.principal.sub,
        },
      });
    }
    const existing = new Map(
      (await this.services.forWorkers(this.pool, [...new Set(candidates.map((c) => c.rec.workerId))])).map((r) => [
        serviceKey(r),
        r,
      ]),
    );
    const seen = new Map<string, number>();
    const inserts: NewServiceRecord[] = [];
    const changes: { id: string; outcome?: string }[] = [];
    let unchanged = 0;
    for (const { row, rec } of candidates) {
      const key = serviceKey(rec);
      if (seen.has(key)) {
        problems.add(row, 'note', `repeats row ${seen.get(key)} (same worker, service, date, channel and content)`);
        continue;
      }
      seen.set(key, row);
      const old = existing.get(key);
      if (!old) inserts.push(rec);
      else if ((old.outcome ?? '') === (rec.outcome ?? '')) unchanged++;
      else changes.push({ id: old.id, ...(rec.outcome !== undefined ? { outcome: rec.outcome } : {}) });
    }
    const refused = refusedOutcome(sheet, problems, ctx);
    if (refused) return refused;
    ctx.progress(Math.floor(sheet.rows.length / 2));
    await withTransaction(this.pool, async (tx) => {
      for (let i = 0; i < inserts.length; i += 2000) await this.services.insertMany(tx, inserts.slice(i, i + 2000));
      const events: TongxinEvent[] = inserts.map(serviceRecordedEvent);
      for (const c of changes) {
        const updated = await this.services.setOutcome(tx, c.id, c.outcome);
        events.push(serviceRecordedEvent(updated));
      }
      const contacts = inserts.filter(countsAsContact);
      await this.workers.touchLastContact(
        tx,
        contacts.map((r) => r.workerId),
        contacts.map((r) => r.date),
      );
      await this.outbox.addAll(tx, events);
    });
    return written(sheet, problems, { created: inserts.length, updated: changes.length, unchanged });
  }

  /** Incomes match on (worker, month); a different amount or source is a correction that keeps the old entry as history. */
  async importIncomes(ctx: ImportContext, sheet: Sheet): Promise<ImportOutcome> {
    const at = locateColumns(sheet.headers, INCOME_COLUMNS);
    const problems = new Problems(INCOME_COLUMNS);
    const byHash = await lookupWorkers(
      this.pool,
      this.workers,
      this.cipher,
      sheet.rows.map((r) => cellReader(r, at)('idNumber').toUpperCase()),
    );
    const thisMonth = ctx.today.slice(0, 7);
    const seen = new Map<string, number>();
    const candidates: { row: number; entry: NewIncome }[] = [];
    for (const r of sheet.rows) {
      const cell = cellReader(r, at);
      const w = rowWorker(ctx, r.row, cell('idNumber'), cell('name'), byHash, this.cipher, problems);
      const month = parseMonth(cell('month'));
      if (!month)
        problems.add(r.row, 'month', cell('month') ? `"${cell('month')}" is not a month (use YYYY-MM)` : 'is required');
      else if (month > thisMonth || month < '2000-01') problems.add(r.row, 'month', 'must be a past month after 2000');
      const amountText = cell('amount').replace(/[,，\s元¥￥]/g, '');
      const amount = /^\d+(\.\d+)?$/.test(amountText) ? Number(amountText) : undefined;
      if (amount === undefined || amount > 1_000_000)
        problems.add(r.row, 'amount', amountText ? 'must be an amount in yuan between 0 and 1,000,000' : 'is required');
      const source = cell('source') ? INCOME_SOURCE.parse(cell('source')) : 'wages';
      if (!source) problems.add(r.row, 'source', `"${cell('source')}" is not one of ${INCOME_SOURCE.choices}`);
      const verified = cell('verified') ? VERIFIED.parse(cell('verified')) : false;
      if (verified === undefined)
        problems.add(r.row, 'verified', `"${cell('verified')}" is not one of ${VERIFIED.choices}`);
      const employerName = cell('employerName');
      const note = cell('note');
      if (employerName.length > 200) problems.add(r.row, 'employerName', 'is longer than 200 characters');
      if (note.length > 500) problems.add(r.row, 'note', 'is longer than 500 characters');
      if (!w || !month || amount === undefined || !source || verified === undefined || problems.has(r.row)) continue;
      // A month holds one verified and one self-reported entry: each may come once per file.
      const key = incomeKey({ workerId: w.id, month, verified });
      if (seen.has(key)) {
        problems.add(
          r.row,
          'month',
          `the same worker, month and ${verified ? 'verified' : 'self-reported'} entry are already in row ${seen.get(key)}`,
        );
        continue;
      }
      seen.set(key, r.row);
      candidates.push({
        row: r.row,
        entry: {
          id: randomUUID(),
          workerId: w.id,
          homeVillageCode: w.homeVillageCode,
          ...(w.householdNo ? { householdNo: w.householdNo } : {}),
          month,
          amount: toFen(amount),
          source: source as NewIncome['source'],
          ...(employerName ? { employerName } : {}),
          verified,
          ...(note ? { note } : {}),
          recordedBy: ctx.principal.sub,
        },
      });
    }
    const current = await this.incomes.currentMany(
      this.pool,
      candidates.map((c) => c.entry),
    );
    const writes: NewIncome[] = [];
    const superseded: string[] = [];
    let unchanged = 0;
    let updated = 0;
    for (const { entry } of candidates) {
      const old = current.get(incomeKey(entry));
      if (old && sameIncome(old, entry)) unchanged++;
      else {
        if (old) {
          superseded.push(old.id);
          entry.replaces = old.id;
          updated++;
        }
        writes.push(entry);
      }
    }
    const refused = refusedOutcome(sheet, problems, ctx);
    if (refused) return refused;
    ctx.progress(Math.floor(sheet.rows.length / 2));
    await withTransaction(this.pool, async (tx) => {
      await this.incomes.supersede(tx, superseded);
      for (let i = 0; i < writes.length; i += 2000) await this.incomes.insertMany(tx, writes.slice(i, i + 2000));
      await this.outbox.addAll(tx, writes.map(incomeRecordedEvent));
    });
    return written(sheet, problems, { created: writes.length - updated, updated, unchanged });
  }

  /**
   * Party rows: members (党员, 流动党员) with their group (set up when new) and the workers they
   * keep in touch with; applicants and activists with their dates. Rows are few, so written one by one.
   */
  async importParty(ctx: ImportContext, sheet: Sheet): Promise<ImportOutcome> {
    const at = locateColumns(sheet.headers, PARTY_COLUMNS);
    const problems = new Problems(PARTY_COLUMNS);
    const ids = sheet.rows.flatMap((r) => {
      const cell = cellReader(r, at);
      return [cell('idNumber'), ...splitList(cell('contacts'))].map((s) => s.replace(/\s/g, '').toUpperCase());
    });
    const byHash = await lookupWorkers(this.pool, this.workers, this.cipher, ids);
    type Plan =
      | {
          kind: 'member';
          row: number;
          worker: WorkerRecord;
          mobile: boolean;
          joinedPartyAt?: string;
          group: { villageCode: string; name: string; leaderName?: string };
          contacts: WorkerRecord[];
        }
      | { kind: 'application'; row: number; worker: WorkerRecord; appliedAt: string; activistAt?: string };
    const plans: Plan[] = [];
    const seen = new Map<string, number>();
    const date = (row: number, key: string, text: string) => {
      if (!text) return undefined;
      const d = parseDate(text);
      if (!d || d > ctx.today) problems.add(row, key, `"${text}" is not a past date`);
      return d;
    };
    for (const r of sheet.rows) {
      const cell = cellReader(r, at);
      const role = required(PARTY_ROLE, cell('role'), r.row, 'role', problems);
      const w = rowWorker(ctx, r.row, cell('idNumber'), cell('name'), byHash, this.cipher, problems);
      if (!role || !w) continue;
      const kind = role === 'member' || role === 'mobile_member' ? 'member' : 'application';
      const key = `${kind}|${w.id}`;
      if (seen.has(key)) problems.add(r.row, 'idNumber', `this person is already listed in row ${seen.get(key)}`);
      seen.set(key, r.row);
      if (kind === 'member') {
        const name = cell('group');
        if (!name) problems.add(r.row, 'group', 'is required for a party member');
        const villageCode = cell('groupVillageCode') || w.homeVillageCode;
        if (!/^\d{12}$/.test(villageCode)) problems.add(r.row, 'groupVillageCode', 'must be a 12-digit village code');
        else if (!canWrite(ctx.principal, villageCode))
          problems.add(r.row, 'groupVillageCode', 'is outside your villages');
        const joinedPartyAt = date(r.row, 'joinedPartyAt', cell('joinedPartyAt'));
        const contacts: WorkerRecord[] = [];
        for (const id of splitList(cell('contacts'))) {
          const c = rowWorker(ctx, r.row, id, '', byHash, this.cipher, problems, 'contacts');
          if (c && c.id === w.id) problems.add(r.row, 'contacts', 'a member does not keep in touch with themselves');
          else if (c) contacts.push(c);
        }
        if (problems.has(r.row)) continue;
        const leaderName = cell('leaderName');
        plans.push({
          kind,
          row: r.row,
          worker: w,
          mobile: role === 'mobile_member',
          ...(joinedPartyAt ? { joinedPartyAt } : {}),
          group: { villageCode, name, ...(leaderName ? { leaderName } : {}) },
          contacts,
        });
      } else {
        const appliedAt = date(r.row, 'appliedAt', cell('appliedAt'));
        if (!cell('appliedAt')) problems.add(r.row, 'appliedAt', 'is required for an application');
        const activistAt = date(r.row, 'activistAt', cell('activistAt'));
        if (role === 'activist' && !cell('activistAt'))
          problems.add(r.row, 'activistAt', 'is required for an activist');
        if (appliedAt && activistAt && activistAt < appliedAt)
          problems.add(r.row, 'activistAt', 'is before the application');
        if (problems.has(r.row) || !appliedAt) continue;
        plans.push({ kind, row: r.row, worker: w, appliedAt, ...(activistAt ? { activistAt } : {}) });
      }
    }
    // Groups named in the sheet: existing ones, or new ones that need a leader.
    const groupKeys = [
      ...new Map(
        plans.flatMap((p) =>
          p.kind === 'member' ? [[`${p.group.villageCode}|${p.group.name}`, p.group] as const] : [],
        ),
      ).values(),
    ];
    const groups = new Map(
      (await this.party.findGroupsByName(this.pool, groupKeys)).map((g) => [`${g.villageCode}|${g.name}`, g]),
    );
    const members = new Map(
      (
        await this.party.findMembersByWorkers(
          this.pool,
          plans.filter((p) => p.kind === 'member').map((p) => p.worker.id),
        )
      ).map((m) => [m.workerId, m]),
    );
    const applications = new Map(
      (
        await this.party.findApplications(
          this.pool,
          plans.filter((p) => p.kind === 'application').map((p) => p.worker.id),
        )
      ).map((a) => [a.workerId, a]),
    );
    const newGroups = new Map<string, PartyGroupRecord>();
    for (const p of plans) {
      if (p.kind !== 'member') continue;
      const key = `${p.group.villageCode}|${p.group.name}`;
      const g = groups.get(key) ?? newGroups.get(key);
      if (!g) {
        if (!p.group.leaderName) problems.add(p.row, 'leaderName', 'is required to set up a new party group');
        else
          newGroups.set(key, {
            id: randomUUID(),
            seq: 0,
            name: p.group.name,
            villageCode: p.group.villageCode,
            leaderName: p.group.leaderName,
            createdAt: ctx.now,
          });
      }
      const m = members.get(p.worker.id);
      if (m && m.groupId !== (g ?? newGroups.get(key))?.id)
        problems.add(p.row, 'group', `this person is a member of another party group (${m.groupId})`);
    }
    const refused = refusedOutcome(sheet, problems, ctx);
    if (refused) return refused;
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const p = ctx.principal;
    await withTransaction(this.pool, async (tx) => {
      const events: TongxinEvent[] = [];
      for (const g of newGroups.values()) {
        await this.party.insertGroup(tx, g, p.sub);
        events.push(
          createEvent({
            type: 'ledger.party-group-created',
            source: SOURCE,
            subject: g.id,
            data: { group: groupEventData(g) },
          }),
        );
      }
      for (const plan of plans) {
        if (problems.has(plan.row)) continue;
        if (plan.kind === 'member') {
          const g =
            groups.get(`${plan.group.villageCode}|${plan.group.name}`) ??
            newGroups.get(`${plan.group.villageCode}|${plan.group.name}`)!;
          let m = members.get(plan.worker.id);
          let changed = false;
          if (!m) {
            m = await this.party.insertMember(
              tx,
              {
                id: randomUUID(),
                groupId: g.id,
                workerId: plan.worker.id,
                mobile: plan.mobile,
                ...(plan.joinedPartyAt ? { joinedPartyAt: plan.joinedPartyAt } : {}),
              },
              p.sub,
            );
            events.push(partyMemberAddedEvent(g, m));
            created++;
          } else if (m.mobile !== plan.mobile || (plan.joinedPartyAt && plan.joinedPartyAt !== m.joinedPartyAt)) {
            await this.party.updateMember(tx, m.id, plan.mobile, plan.joinedPartyAt);
            changed = true;
          }
          for (const c of plan.contacts) {
            if (await this.party.insertContact(tx, m.id, c.id, undefined, p.sub)) {
              events.push(partyContactLinkedEvent(g, m, c));
              changed = true;
            }
          }
          if (members.has(plan.worker.id)) {
            if (changed) updated++;
            else unchanged++;
          }
        } else {
          const before = applications.get(plan.worker.id);
          if (before && before.appliedAt === plan.appliedAt && (before.activistAt ?? '') === (plan.activistAt ?? '')) {
            unchanged++;
            continue;
          }
          const a = await this.party.upsertApplication(
            tx,
            {
              id: before?.id ?? randomUUID(),
              workerId: plan.worker.id,
              villageCode: plan.worker.homeVillageCode,
              appliedAt: plan.appliedAt,
              ...(plan.activistAt ? { activistAt: plan.activistAt } : {}),
              ...(before?.note ? { note: before.note } : {}),
            },
            p.sub,
          );
          events.push(
            createEvent({
              type: 'ledger.party-application-recorded',
              source: SOURCE,
              subject: a.workerId,
              data: {
                application: {
                  id: a.id,
                  workerId: a.workerId,
                  regionCode: a.villageCode,
                  appliedAt: a.appliedAt,
                  ...(a.activistAt ? { activistAt: a.activistAt } : {}),
                },
              },
            }),
          );
          if (before) updated++;
          else created++;
        }
      }
      await this.outbox.addAll(tx, events);
    });
    return written(sheet, problems, { created, updated, unchanged });
  }
}
