import { randomUUID } from 'node:crypto';
import type { PoolClient, Queryable } from '@tongxin/db';
import { type Outbox, type TongxinEvent, createEvent } from '@tongxin/events';
import { inject, injectable } from 'tsyringe';
import { householdOtherVillage } from '../errors.ts';
import { SOURCE } from '../registry/worker-changes.ts';
import { TOKENS } from '../tokens.ts';
import { type HouseholdFacts, type HouseholdRecord, householdSnapshot } from './household.ts';
import { HouseholdRepository } from './household-repository.ts';

/** A worker as just written, and the household number it had before (undefined when new or without one). */
export interface WrittenMember {
  after: HouseholdFacts;
  previousNo?: string | undefined;
}

/** A row asking to join a household, for the village check before anything is written. */
export interface JoinRequest<K> {
  key: K;
  workerId?: string | undefined;
  householdNo?: string | undefined;
  homeVillageCode: string;
}

const FOLLOWED = ['homeVillageCode', 'status', 'relocated', 'relocation'] as const;

/**
 * Keeps the households in step with their members' registry records: a household is created when
 * a worker first carries its number, and follows the member written last for its status and
 * relocation (the registry's household columns are the household's). Runs inside the writer's
 * transaction, so a household changes with its members or not at all.
 */
@injectable()
export class HouseholdRoster {
  constructor(
    @inject(TOKENS.Outbox) private readonly outbox: Outbox,
    @inject(HouseholdRepository) private readonly households: HouseholdRepository,
  ) {}

  /**
   * The requests whose household has members in another village (one household, one village):
   * against the members already registered (the requesting workers aside) and against earlier requests.
   */
  async villageConflicts<K>(db: Queryable, requests: JoinRequest<K>[]): Promise<Map<K, string>> {
    const joining = requests.filter((r) => r.householdNo);
    const conflicts = new Map<K, string>();
    if (joining.length === 0) return conflicts;
    const numbers = [...new Set(joining.map((r) => r.householdNo!))];
    const moving = new Set(joining.flatMap((r) => (r.workerId ? [r.workerId] : [])));
    const villageOf = new Map<string, string>();
    for (const [no, members] of await this.households.members(db, numbers)) {
      const staying = members.find((m) => !moving.has(m.id));
      if (staying) villageOf.set(no, staying.homeVillageCode);
    }
    for (const r of joining) {
      const village = villageOf.get(r.householdNo!);
      if (village === undefined) villageOf.set(r.householdNo!, r.homeVillageCode);
      else if (village !== r.homeVillageCode) conflicts.set(r.key, village);
    }
    return conflicts;
  }

  /** Throws the 400 of the first request joining a household of another village. */
  async assertSameVillage(db: Queryable, request: JoinRequest<string>): Promise<void> {
    const [conflict] = await this.villageConflicts(db, [request]);
    if (conflict) throw householdOtherVillage(request.householdNo!, conflict[1]);
  }

  /** Creates or updates the households these written workers belong to, or left, with their events. */
  async follow(tx: PoolClient, written: WrittenMember[]): Promise<void> {
    const latest = new Map<string, HouseholdFacts>();
    for (const w of written) if (w.after.householdNo) latest.set(w.after.householdNo, w.after);
    const touched = new Set<string>();
    for (const w of written) {
      if (w.after.householdNo === w.previousNo) {
        if (w.after.householdNo) touched.add(w.after.householdNo);
        continue;
      }
      for (const no of [w.after.householdNo, w.previousNo]) if (no) touched.add(no);
    }
    const numbers = [...touched].sort();
    if (numbers.length === 0) return;
    const present = await this.households.members(tx, numbers);
    // New households first; one created meanwhile by a concurrent writer is then simply followed.
    const created = new Set<string>();
    for (const no of numbers) {
      const facts = latest.get(no);
      if (!facts) continue;
      const size = present.get(no)?.length ?? 0;
      const inserted = await this.households.insertIfAbsent(tx, {
        id: randomUUID(),
        householdNo: no,
        homeVillageCode: facts.homeVillageCode,
        status: facts.householdStatus,
        relocated: facts.relocated,
        ...(facts.relocation ? { relocation: facts.relocation } : {}),
        otherMembers: Math.max(0, (facts.householdSize ?? size) - size),
      });
      if (inserted) created.add(no);
    }
    const existing = new Map((await this.households.findByNumbers(tx, numbers, true)).map((h) => [h.householdNo, h]));
    const members = await this.households.members(tx, numbers);
    const events: TongxinEvent[] = [];
    for (const no of numbers) {
      const list = members.get(no) ?? [];
      const ids = list.map((m) => m.id);
      const villages = [...new Set(list.map((m) => m.homeVillageCode))];
      // Checked before writing; this is the last guard against a race between two writers.
      if (villages.length > 1) throw householdOtherVillage(no, villages[0]!);
      const facts = latest.get(no);
      const current = existing.get(no);
      if (!current) continue;
      if (created.has(no)) {
        events.push(this.event(current, ids));
        continue;
      }
      const next: HouseholdRecord = {
        ...current,
        ...(villages[0] ? { homeVillageCode: villages[0] } : {}),
        ...(facts ? { status: facts.householdStatus, relocated: facts.relocated, relocation: facts.relocation } : {}),
      };
      if (!next.relocation) delete next.relocation;
      const changed: string[] = FOLLOWED.filter(
        (k) => JSON.stringify(current[k] ?? null) !== JSON.stringify(next[k] ?? null),
      );
      const moves = written.filter((w) => w.after.householdNo !== w.previousNo);
      const joined = moves.filter((w) => w.after.householdNo === no).length;
      if (joined || moves.some((w) => w.previousNo === no)) changed.push('memberIds');
      // A person who joins the registry was one of the household's other members until now.
      const others = Math.max(0, current.otherMembers - joined);
      if (others !== current.otherMembers) {
        next.otherMembers = others;
        changed.push('otherMembers');
      }
      if (changed.length === 0) continue;
      events.push(this.event(await this.households.update(tx, next), ids, changed));
    }
    await this.outbox.addAll(tx, events);
  }

  /** household.registered, or household.updated when `changed` is given. */
  event(h: HouseholdRecord, memberIds: string[], changed?: string[]): TongxinEvent {
    const household = householdSnapshot(h, memberIds);
    return changed
      ? createEvent({ type: 'household.updated', source: SOURCE, subject: h.id, data: { household, changed } })
      : createEvent({ type: 'household.registered', source: SOURCE, subject: h.id, data: { household } });
  }
}
