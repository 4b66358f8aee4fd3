import { type Queryable, SqlParams, regionScopeSql, whereSql, type Tables, tablesIn } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import { TOKENS } from '../tokens.ts';

export interface RelocatedVillageRecord {
  villageCode: string;
  townshipCode: string;
  sites: string[];
  quota: number;
  version: number;
  markedBy: string;
  markedAt: string;
  updatedAt: string;
}

/** A designation with what placement knows of its opening (absent until the opening is heard of). */
export interface DesignationRecord {
  villageCode: string;
  openingId: string;
  places: number;
  /** Places held by the village's registered-poor or relocated workers in active placements there. */
  filled: number;
  designatedBy: string;
  designatedAt: string;
  title?: string;
  employerName?: string;
  openingStatus?: string;
  headcount?: number;
}

export interface VillageFilter {
  scope?: string[];
  township?: string;
  afterCode?: string;
  limit?: number;
}

const toVillage = (r: Record<string, any>): RelocatedVillageRecord => ({
  villageCode: r.village_code,
  townshipCode: r.township_code,
  sites: r.sites,
  quota: r.quota,
  version: r.version,
  markedBy: r.marked_by,
  markedAt: (r.marked_at as Date).toISOString(),
  updatedAt: (r.updated_at as Date).toISOString(),
});

/** Relocated villages, their quotas and the places of openings designated for them. */
@injectable()
export class RelocationRepository {
  readonly #t: Tables<
    'relocated_villages' | 'opening_hires' | 'reserved_places' | 'placements' | 'workers' | 'openings'
  >;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#t = tablesIn(
      config,
      'relocated_villages',
      'opening_hires',
      'reserved_places',
      'placements',
      'workers',
      'openings',
    );
  }

  async findVillage(db: Queryable, code: string, lock = false): Promise<RelocatedVillageRecord | undefined> {
    const r = await db.query(
      `SELECT * FROM ${this.#t.relocated_villages} WHERE village_code = $1${lock ? ' FOR UPDATE' : ''}`,
      [code],
    );
    return r.rows[0] ? toVillage(r.rows[0]) : undefined;
  }

  /** Inserts or replaces the village; `version` is the caller's next version. */
  async saveVillage(
    db: Queryable,
    v: Omit<RelocatedVillageRecord, 'markedAt' | 'updatedAt'>,
    at: Date,
  ): Promise<RelocatedVillageRecord> {
    const r = await db.query(
      `INSERT INTO ${this.#t.relocated_villages} (village_code, township_code, sites, quota, version, marked_by, marked_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (village_code) DO UPDATE SET sites = EXCLUDED.sites, quota = EXCLUDED.quota,
         version = EXCLUDED.version, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [v.villageCode, v.townshipCode, JSON.stringify(v.sites), v.quota, v.version, v.markedBy, at],
    );
    return toVillage(r.rows[0]);
  }

  async listVillages(db: Queryable, f: VillageFilter): Promise<RelocatedVillageRecord[]> {
    const args = new SqlParams();
    const where = whereSql([
      f.scope && regionScopeSql('village_code', f.scope, args),
      f.township ? `township_code = ${args.add(f.township)}` : undefined,
      f.afterCode ? `village_code > ${args.add(f.afterCode)}` : undefined,
    ]);
    const r = await db.query(
      `SELECT * FROM ${this.#t.relocated_villages} ${where} ORDER BY village_code${f.limit ? ` LIMIT ${args.add(f.limit)}` : ''}`,
      args.values,
    );
    return r.rows.map(toVillage);
  }

  /**
   * The designations of the villages in `codes`, each with the places its village's workers hold
   * there: active placements of registered-poor or relocated workers from the village, at most the
   * places designated (hires beyond them took the opening's ordinary places).
   */
  async designations(db: Queryable, codes: string[]): Promise<DesignationRecord[]> {
    const t = this.#t;
    const r = await db.query(
      `SELECT d.*, o.title, o.employer_name, o.status AS opening_status, o.headcount, LEAST(d.places, (
         SELECT count(*) FROM ${t.placements} p JOIN ${t.workers} w ON w.id = p.worker_id
         WHERE p.opening_id = d.opening_id AND p.home_village_code = d.village_code AND p.status = 'active'
           AND (w.household_status = 'registered_poor' OR w.relocated)))::int AS filled
       FROM ${t.reserved_places} d LEFT JOIN ${t.openings} o ON o.id = d.opening_id
       WHERE d.village_code = ANY($1::text[]) ORDER BY d.designated_at, d.opening_id`,
      [codes],
    );
    return r.rows.map((row) => ({
      villageCode: row.village_code,
      openingId: row.opening_id,
      places: row.places,
      filled: row.filled,
      designatedBy: row.designated_by,
      designatedAt: (row.designated_at as Date).toISOString(),
      ...(row.title
        ? {
            title: row.title,
            employerName: row.employer_name,
            openingStatus: row.opening_status,
            headcount: row.headcount,
          }
        : {}),
    }));
  }

  /**
   * Locks the opening's hire counter for the rest of the transaction, so that two designations of
   * one opening are decided one after the other; its headcount, undefined for an unknown opening.
   */
  async lockOpeningHeadcount(db: Queryable, openingId: string): Promise<number | undefined> {
    const r = await db.query(`SELECT headcount FROM ${this.#t.opening_hires} WHERE opening_id = $1 FOR UPDATE`, [
      openingId,
    ]);
    return r.rows[0]?.headcount as number | undefined;
  }

  /** Places of the opening designated for villages other than `exceptVillage`. */
  async designatedElsewhere(db: Queryable, openingId: string, exceptVillage: string): Promise<number> {
    const r = await db.query(
      `SELECT COALESCE(sum(places), 0)::int AS n FROM ${this.#t.reserved_places} WHERE opening_id = $1 AND village_code <> $2`,
      [openingId, exceptVillage],
    );
    return r.rows[0].n as number;
  }

  async findDesignation(db: Queryable, villageCode: string, openingId: string): Promise<number | undefined> {
    const r = await db.query(
      `SELECT places FROM ${this.#t.reserved_places} WHERE village_code = $1 AND opening_id = $2`,
      [villageCode, openingId],
    );
    return r.rows[0]?.places as number | undefined;
  }

  async designate(
    db: Queryable,
    villageCode: string,
    openingId: string,
    places: number,
    by: string,
    at: Date,
  ): Promise<void> {
    await db.query(
      `INSERT INTO ${this.#t.reserved_places} (village_code, opening_id, places, designated_by, designated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (village_code, opening_id) DO UPDATE SET places = EXCLUDED.places,
         designated_by = EXCLUDED.designated_by, designated_at = EXCLUDED.designated_at`,
      [villageCode, openingId, places, by, at],
    );
  }

  /** Withdraws the designation; the places it had, undefined when there was none. */
  async release(db: Queryable, villageCode: string, openingId: string): Promise<number | undefined> {
    const r = await db.query(
      `DELETE FROM ${this.#t.reserved_places} WHERE village_code = $1 AND opening_id = $2 RETURNING places`,
      [villageCode, openingId],
    );
    return r.rows[0]?.places as number | undefined;
  }
}
