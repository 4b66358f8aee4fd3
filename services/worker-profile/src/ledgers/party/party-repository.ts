import { type Queryable, SqlParams, named, regionScopeSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { PartyApplicationView, PartyFigures } from '../schemas.ts';
import { TOKENS } from '../../tokens.ts';

export interface PartyGroupRecord {
  id: string;
  seq: number;
  name: string;
  villageCode: string;
  leaderName: string;
  leaderWorkerId?: string;
  foundedAt?: string;
  createdAt: string;
}
export interface PartyMemberRecord {
  id: string;
  groupId: string;
  workerId: string;
  workerName?: string;
  mobile: boolean;
  joinedPartyAt?: string;
}
export interface PartyContactRecord {
  memberId: string;
  workerId: string;
  workerName?: string;
  since?: string;
}
export type PartyApplicationRecord = PartyApplicationView & { seq: number };

type Row = Record<string, unknown>;
const opt = <K extends string>(key: K, v: unknown) =>
  v !== null && v !== undefined ? ({ [key]: v } as Record<K, string>) : {};
const group = (r: Row): PartyGroupRecord => ({
  id: r.id as string,
  seq: r.seq as number,
  name: r.name as string,
  villageCode: r.village_code as string,
  leaderName: r.leader_name as string,
  ...opt('leaderWorkerId', r.leader_worker_id),
  ...opt('foundedAt', r.founded_at),
  createdAt: (r.created_at as Date).toISOString(),
});
const member = (r: Row): PartyMemberRecord => ({
  id: r.id as string,
  groupId: r.group_id as string,
  workerId: r.worker_id as string,
  ...opt('workerName', r.worker_name),
  mobile: r.mobile as boolean,
  ...opt('joinedPartyAt', r.joined_party_at),
});
const application = (r: Row): PartyApplicationRecord => ({
  id: r.id as string,
  seq: r.seq as number,
  workerId: r.worker_id as string,
  ...opt('workerName', r.worker_name),
  villageCode: r.village_code as string,
  appliedAt: r.applied_at as string,
  ...opt('activistAt', r.activist_at),
  ...opt('note', r.note),
  updatedAt: (r.updated_at as Date).toISOString(),
});

/** SQL of the party-building ledger (党建台账). */
@injectable()
export class PartyRepository {
  readonly #t: Tables<'party_groups' | 'party_members' | 'workers' | 'party_contacts' | 'party_applications'>;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(config, 'party_groups', 'party_members', 'workers', 'party_contacts', 'party_applications');
  }

  async insertGroup(
    db: Queryable,
    g: Omit<PartyGroupRecord, 'seq' | 'createdAt'>,
    createdBy: string,
  ): Promise<PartyGroupRecord> {
    const r = await named(
      db.query(
        `INSERT INTO ${this.#t.party_groups} (id, name, village_code, leader_name, leader_worker_id, founded_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [g.id, g.name, g.villageCode, g.leaderName, g.leaderWorkerId ?? null, g.foundedAt ?? null, createdBy],
      ),
    );
    return group(r.rows[0] as Row);
  }

  async findGroup(db: Queryable, id: string): Promise<PartyGroupRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.party_groups} WHERE id = $1`, [id]);
    return r.rows[0] ? group(r.rows[0] as Row) : undefined;
  }

  async findGroupsByName(db: Queryable, keys: { villageCode: string; name: string }[]): Promise<PartyGroupRecord[]> {
    if (keys.length === 0) return [];
    const r = await db.query(
      `SELECT g.* FROM ${this.#t.party_groups} g JOIN unnest($1::text[], $2::text[]) AS k(v, n) ON g.village_code = k.v AND g.name = k.n`,
      [keys.map((k) => k.villageCode), keys.map((k) => k.name)],
    );
    return r.rows.map((row) => group(row as Row));
  }

  async listGroups(
    db: Queryable,
    prefixes: string[],
    afterSeq: number | undefined,
    limit: number,
  ): Promise<PartyGroupRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `SELECT * FROM ${this.#t.party_groups} WHERE ${regionScopeSql('village_code', prefixes, params)}
       AND seq > ${params.add(afterSeq ?? 0)} ORDER BY seq LIMIT ${params.add(limit)}`,
      params.values,
    );
    return r.rows.map((row) => group(row as Row));
  }

  async membersOf(db: Queryable, groupIds: string[]): Promise<PartyMemberRecord[]> {
    if (groupIds.length === 0) return [];
    const r = await db.query(
      `SELECT m.*, w.name AS worker_name FROM ${this.#t.party_members} m JOIN ${this.#t.workers} w ON w.id = m.worker_id
       WHERE m.group_id = ANY($1::uuid[]) ORDER BY m.seq`,
      [groupIds],
    );
    return r.rows.map((row) => member(row as Row));
  }

  async contactsOf(db: Queryable, memberIds: string[]): Promise<PartyContactRecord[]> {
    if (memberIds.length === 0) return [];
    const r = await db.query<{ member_id: string; worker_id: string; worker_name: string; since: string | null }>(
      `SELECT c.member_id, c.worker_id, w.name AS worker_name, c.since FROM ${this.#t.party_contacts} c
       JOIN ${this.#t.workers} w ON w.id = c.worker_id WHERE c.member_id = ANY($1::uuid[]) ORDER BY c.created_at, c.worker_id`,
      [memberIds],
    );
    return r.rows.map((row) => ({
      memberId: row.member_id,
      workerId: row.worker_id,
      workerName: row.worker_name,
      ...opt('since', row.since),
    }));
  }

  async findMemberByWorker(db: Queryable, workerId: string): Promise<PartyMemberRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.party_members} WHERE worker_id = $1`, [workerId]);
    return r.rows[0] ? member(r.rows[0] as Row) : undefined;
  }

  async findMembersByWorkers(db: Queryable, workerIds: string[]): Promise<PartyMemberRecord[]> {
    if (workerIds.length === 0) return [];
    const r = await db.query(`SELECT * FROM ${this.#t.party_members} WHERE worker_id = ANY($1::uuid[])`, [workerIds]);
    return r.rows.map((row) => member(row as Row));
  }

  async findMember(db: Queryable, id: string): Promise<PartyMemberRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.party_members} WHERE id = $1`, [id]);
    return r.rows[0] ? member(r.rows[0] as Row) : undefined;
  }

  async insertMember(db: Queryable, m: PartyMemberRecord, createdBy: string): Promise<PartyMemberRecord> {
    const r = await db.query(
      `INSERT INTO ${this.#t.party_members} (id, group_id, worker_id, mobile, joined_party_at, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [m.id, m.groupId, m.workerId, m.mobile, m.joinedPartyAt ?? null, createdBy],
    );
    return member(r.rows[0] as Row);
  }

  async updateMember(db: Queryable, id: string, mobile: boolean, joinedPartyAt: string | undefined): Promise<void> {
    await db.query(
      `UPDATE ${this.#t.party_members} SET mobile = $2, joined_party_at = COALESCE($3, joined_party_at) WHERE id = $1`,
      [id, mobile, joinedPartyAt ?? null],
    );
  }

  /** True when the link is new. */
  async insertContact(
    db: Queryable,
    memberId: string,
    workerId: string,
    since: string | undefined,
    createdBy: string,
  ): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.#t.party_contacts} (member_id, worker_id, since, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [memberId, workerId, since ?? null, createdBy],
    );
    return r.rowCount === 1;
  }

  async findApplication(db: Queryable, workerId: string): Promise<PartyApplicationRecord | undefined> {
    const r = await db.query(`SELECT * FROM ${this.#t.party_applications} WHERE worker_id = $1 FOR UPDATE`, [workerId]);
    return r.rows[0] ? application(r.rows[0] as Row) : undefined;
  }

  async findApplications(db: Queryable, workerIds: string[]): Promise<PartyApplicationRecord[]> {
    if (workerIds.length === 0) return [];
    const r = await db.query(`SELECT * FROM ${this.#t.party_applications} WHERE worker_id = ANY($1::uuid[])`, [
      workerIds,
    ]);
    return r.rows.map((row) => application(row as Row));
  }

  async upsertApplication(
    db: Queryable,
    a: { id: string; workerId: string; villageCode: string; appliedAt: string; activistAt?: string; note?: string },
    recordedBy: string,
  ): Promise<PartyApplicationRecord> {
    const r = await db.query(
      `INSERT INTO ${this.#t.party_applications} (id, worker_id, village_code, applied_at, activist_at, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (worker_id) DO UPDATE SET applied_at = EXCLUDED.applied_at, activist_at = EXCLUDED.activist_at,
         note = EXCLUDED.note, village_code = EXCLUDED.village_code, updated_at = now()
       RETURNING *`,
      [a.id, a.workerId, a.villageCode, a.appliedAt, a.activistAt ?? null, a.note ?? null, recordedBy],
    );
    return application(r.rows[0] as Row);
  }

  async listApplications(
    db: Queryable,
    prefixes: string[],
    afterSeq: number | undefined,
    limit: number,
  ): Promise<PartyApplicationRecord[]> {
    const params = new SqlParams();
    const r = await db.query(
      `SELECT a.*, w.name AS worker_name FROM ${this.#t.party_applications} a JOIN ${this.#t.workers} w ON w.id = a.worker_id
       WHERE ${regionScopeSql('a.village_code', prefixes, params)} AND a.seq > ${params.add(afterSeq ?? 0)}
       ORDER BY a.seq LIMIT ${params.add(limit)}`,
      params.values,
    );
    return r.rows.map((row) => application(row as Row));
  }

  /**
   * The §6 figures under `prefix`, per unit of `unitLength` digits (9: townships, 12: villages).
   * Workers in touch are counted once per unit even when two members keep in touch with them.
   */
  async figures(db: Queryable, prefix: string, unitLength: number): Promise<(PartyFigures & { unit: string })[]> {
    const t = this.#t;
    const r = await db.query<PartyFigures & { unit: string }>(
      `SELECT unit, sum(groups)::int AS groups, sum(members)::int AS members, sum(mobile)::int AS "mobileMembers",
              sum(in_touch)::int AS "workersInTouch", sum(apps)::int AS applications, sum(activists)::int AS activists
       FROM (
         SELECT substr(village_code, 1, $2) AS unit, count(*) AS groups, 0 AS members, 0 AS mobile, 0 AS in_touch, 0 AS apps, 0 AS activists
           FROM ${t.party_groups} WHERE village_code LIKE $1 GROUP BY 1
         UNION ALL
         SELECT substr(g.village_code, 1, $2), 0, count(*), count(*) FILTER (WHERE m.mobile), 0, 0, 0
           FROM ${t.party_members} m JOIN ${t.party_groups} g ON g.id = m.group_id WHERE g.village_code LIKE $1 GROUP BY 1
         UNION ALL
         SELECT substr(g.village_code, 1, $2), 0, 0, 0, count(DISTINCT c.worker_id), 0, 0
           FROM ${t.party_contacts} c JOIN ${t.party_members} m ON m.id = c.member_id JOIN ${t.party_groups} g ON g.id = m.group_id
           WHERE g.village_code LIKE $1 GROUP BY 1
         UNION ALL
         SELECT substr(village_code, 1, $2), 0, 0, 0, 0, count(*), count(activist_at)
           FROM ${t.party_applications} WHERE village_code LIKE $1 GROUP BY 1
       ) x GROUP BY unit ORDER BY unit`,
      [`${prefix}%`, unitLength],
    );
    return r.rows;
  }
}
