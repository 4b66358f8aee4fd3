import { type Queryable, SqlParams, regionScopeSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';
import { type Declaration, type DeclaredItem, type VillageFacts, isDeclared } from './qiyou.ts';

type Row = Record<string, unknown>;
const int = (v: unknown) => Number(v ?? 0);

/** SQL of 七有: the declarations, the status last published, and the ledger facts per village. */
@injectable()
export class QiyouRepository {
  readonly #t: Tables<
    | 'qiyou_declarations'
    | 'qiyou_status'
    | 'workers'
    | 'union_work_groups'
    | 'service_records'
    | 'party_groups'
    | 'party_members'
    | 'incomes'
  >;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(
      config,
      'qiyou_declarations',
      'qiyou_status',
      'workers',
      'union_work_groups',
      'service_records',
      'party_groups',
      'party_members',
      'incomes',
    );
  }

  /** Villages under `prefixes` that the programme knows: with workers, a work group or a declaration. */
  async villages(db: Queryable, prefixes: string[]): Promise<string[]> {
    const t = this.#t;
    const params = new SqlParams();
    const r = await db.query<{ v: string }>(
      `SELECT v FROM (
         SELECT DISTINCT home_village_code AS v FROM ${t.workers}
         UNION SELECT unnest(village_codes) FROM ${t.union_work_groups}
         UNION SELECT village_code FROM ${t.qiyou_declarations}
       ) x WHERE ${regionScopeSql('v', prefixes, params)} ORDER BY v`,
      params.values,
    );
    return r.rows.map((x) => x.v);
  }

  async upsertDeclaration(db: Queryable, village: string, item: DeclaredItem, d: Declaration): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.#t.qiyou_declarations} (village_code, item, declared_on, evidence, document_ref, declared_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (village_code, item) DO UPDATE SET declared_on = EXCLUDED.declared_on, evidence = EXCLUDED.evidence,
         document_ref = EXCLUDED.document_ref, declared_by = EXCLUDED.declared_by, declared_at = now()
       WHERE (${this.#t.qiyou_declarations}.declared_on, ${this.#t.qiyou_declarations}.evidence, ${this.#t.qiyou_declarations}.document_ref)
         IS DISTINCT FROM (EXCLUDED.declared_on, EXCLUDED.evidence, EXCLUDED.document_ref)`,
      [village, item, d.declaredOn, d.evidence, d.documentRef, d.declaredBy],
    );
    return r.rowCount === 1;
  }

  /** Sets the published status; true when it changed (or is new). */
  async setStatus(db: Queryable, village: string, met: boolean, missing: string[]): Promise<boolean> {
    const r = await db.query(
      `INSERT INTO ${this.#t.qiyou_status} (village_code, met, missing) VALUES ($1, $2, $3)
       ON CONFLICT (village_code) DO UPDATE SET met = EXCLUDED.met, missing = EXCLUDED.missing, evaluated_at = now()
       WHERE (${this.#t.qiyou_status}.met, ${this.#t.qiyou_status}.missing) IS DISTINCT FROM (EXCLUDED.met, EXCLUDED.missing)`,
      [village, met, missing],
    );
    return r.rowCount === 1;
  }

  /** The facts of each village, from every ledger, in one query per ledger. */
  async facts(
    db: Queryable,
    villages: string[],
    today: string,
    since: string,
  ): Promise<Map<string, Omit<VillageFacts, 'householdsAboveLine'>>> {
    const t = this.#t;
    const facts = new Map<string, Omit<VillageFacts, 'householdsAboveLine'>>(
      villages.map((v) => [
        v,
        {
          declarations: {},
          workers: 0,
          employed: 0,
          servicesRecent: 0,
          partyGroups: 0,
          partyMembers: 0,
          workersWithIncome: 0,
        },
      ]),
    );
    if (villages.length === 0) return facts;
    const each = async (
      sql: string,
      params: unknown[],
      apply: (f: Omit<VillageFacts, 'householdsAboveLine'>, r: Row) => void,
    ) => {
      for (const r of (await db.query(sql, [villages, ...params])).rows as Row[]) {
        const f = facts.get(r.v as string);
        if (f) apply(f, r);
      }
    };
    await each(
      `SELECT DISTINCT ON (v) v, g.name, g.leader_name FROM ${t.union_work_groups} g, unnest(g.village_codes) v
       WHERE v = ANY($1) AND g.leader_name <> '' ORDER BY v, g.seq`,
      [],
      (f, r) => (f.workGroup = { name: r.name as string, leaderName: r.leader_name as string }),
    );
    await each(
      `SELECT village_code AS v, item, declared_on, evidence, document_ref, declared_by FROM ${t.qiyou_declarations} WHERE village_code = ANY($1)`,
      [],
      (f, r) => {
        if (isDeclared(r.item as string))
          f.declarations[r.item as DeclaredItem] = {
            declaredOn: r.declared_on as string,
            evidence: r.evidence as string,
            documentRef: r.document_ref as string,
            declaredBy: r.declared_by as string,
          };
      },
    );
    await each(
      `SELECT home_village_code AS v, count(*) AS n, max(greatest(created_at, updated_at)) AS last,
              count(*) FILTER (WHERE employment_status = 'employed') AS employed
       FROM ${t.workers} WHERE home_village_code = ANY($1) GROUP BY 1`,
      [],
      (f, r) => {
        f.workers = int(r.n);
        f.employed = int(r.employed);
        if (r.last) f.registryLast = (r.last as Date).toISOString().slice(0, 10);
      },
    );
    await each(
      `SELECT home_village_code AS v, count(*) FILTER (WHERE date >= $2) AS n, max(date)::text AS last
       FROM ${t.service_records} WHERE home_village_code = ANY($1) AND date <= $3 GROUP BY 1`,
      [since, today],
      (f, r) => {
        f.servicesRecent = int(r.n);
        if (r.last) f.servicesLast = r.last as string;
      },
    );
    await each(
      `SELECT g.village_code AS v, count(DISTINCT g.id) AS groups, count(m.id) AS members
       FROM ${t.party_groups} g LEFT JOIN ${t.party_members} m ON m.group_id = g.id WHERE g.village_code = ANY($1) GROUP BY 1`,
      [],
      (f, r) => {
        f.partyGroups = int(r.groups);
        f.partyMembers = int(r.members);
      },
    );
    await each(
      `SELECT w.home_village_code AS v, count(DISTINCT i.worker_id) AS n FROM ${t.incomes} i JOIN ${t.workers} w ON w.id = i.worker_id
       WHERE i.superseded_at IS NULL AND i.month LIKE $2 AND w.home_village_code = ANY($1) GROUP BY 1`,
      [`${today.slice(0, 4)}-%`],
      (f, r) => (f.workersWithIncome = int(r.n)),
    );
    return facts;
  }
}
