import { type Queryable, SqlParams, regionScopeSql, whereSql } from '@tongxin/db';
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

/** The reserved-place figures of a village (ADR 0010). */
export interface ReservedFigures {
  /** Places designated on openings for the village. */
  offered: number;
  /** Of those, held by the village's registered-poor or relocated workers in an active placement. */
  filled: number;
  /** Designated places not yet filled on openings still open. */
  openPlaces: number;
}

export interface DesignationRecord {
  villageCode: string;
  openingId: string;
  places: number;
  filled: number;
  designatedBy: string;
  designatedAt: string;
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

const toFigures = (r: Record<string, any>): ReservedFigures => ({
  offered: Number(r.offered),
  filled: Number(r.filled),
  openPlaces: Number(r.open_places),
});

/** Relocated villages, their quotas and the places of openings designated for them. */
@injectable()
export class RelocationRepository {
  readonly #s: string;

  constructor(@inject(TOKENS.Config) config: { SCHEMA: string }) {
    this.#s = config.SCHEMA;
  }

  /**
   * Each designation with the places its village's workers hold there: active placements of
   * registered-poor or relocated workers from the village, at most the places designated
   * (hires beyond them took the opening's ordinary places).
   */
  #designations(where: string): string {
    const s = this.#s;
    return `SELECT d.*, o.status AS opening_status, LEAST(d.places, (
        SELECT count(*) FROM ${s}.placements p JOIN ${s}.workers w ON w.id = p.worker_id
        WHERE p.opening_id = d.opening_id AND p.home_village_code = d.village_code AND p.status = 'active'
          AND (w.household_status = 'registered_poor' OR w.relocated)))::int AS filled
      FROM ${s}.reserved_places d LEFT JOIN ${s}.openings o ON o.id = d.opening_id ${where}`;
  }

  async findVillage(db: Queryable, code: string, lock = false): Promise<RelocatedVillageRecord | undefined> {
    const r = await db.query(
      `SELECT * FROM ${this.#s}.relocated_villages WHERE village_code = $1${lock ? ' FOR UPDATE' : ''}`,
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
      `INSERT INTO ${this.#s}.relocated_villages (village_code, township_code, sites, quota, version, marked_by, marked_at, updated_at)
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
      `SELECT * FROM ${this.#s}.relocated_villages ${where} ORDER BY village_code${f.limit ? ` LIMIT ${args.add(f.limit)}` : ''}`,
      args.values,
    );
    return r.rows.map(toVillage);
  }

  /** The figures of each village in `codes` (every one present, zero when nothing is designated). */
  async figures(db: Queryable, codes: string[]): Promise<Map<string, ReservedFigures>> {
    const r = await db.query(
      `SELECT v.code AS village_code, COALESCE(sum(d.places), 0) AS offered, COALESCE(sum(d.filled), 0) AS filled,
         COALESCE(sum(d.places - d.filled) FILTER (WHERE d.opening_status = 'open'), 0) AS open_places
       FROM unnest($1::text[]) AS v(code) LEFT JOIN (${this.#designations('')}) d ON d.village_code = v.code
       GROUP BY v.code`,
      [codes],
    );
    return new Map(r.rows.map((row) => [row.village_code as string, toFigures(row)]));
  }

  async designations(db: Queryable, villageCode: string): Promise<DesignationRecord[]> {
    const r = await db.query(
      `${this.#designations('WHERE d.village_code = $1')} ORDER BY d.designated_at, d.opening_id`,
      [villageCode],
    );
    return r.rows.map((row) => ({
      villageCode: row.village_code,
      openingId: row.opening_id,
      places: row.places,
      filled: row.filled,
      designatedBy: row.designated_by,
      designatedAt: (row.designated_at as Date).toISOString(),
    }));
  }

  /**
   * Locks the opening's hire counter for the rest of the transaction, so that two designations of
   * one opening are decided one after the other; its headcount, undefined for an unknown opening.
   */
  async lockOpeningHeadcount(db: Queryable, openingId: string): Promise<number | undefined> {
    const r = await db.query(`SELECT headcount FROM ${this.#s}.opening_hires WHERE opening_id = $1 FOR UPDATE`, [
      openingId,
    ]);
    return r.rows[0]?.headcount as number | undefined;
  }

  /** Places of the opening designated for villages other than `exceptVillage`. */
  async designatedElsewhere(db: Queryable, openingId: string, exceptVillage: string): Promise<number> {
    const r = await db.query(
      `SELECT COALESCE(sum(places), 0)::int AS n FROM ${this.#s}.reserved_places WHERE opening_id = $1 AND village_code <> $2`,
      [openingId, exceptVillage],
    );
    return r.rows[0].n as number;
  }

  async findDesignation(db: Queryable, villageCode: string, openingId: string): Promise<number | undefined> {
    const r = await db.query(
      `SELECT places FROM ${this.#s}.reserved_places WHERE village_code = $1 AND opening_id = $2`,
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
      `INSERT INTO ${this.#s}.reserved_places (village_code, opening_id, places, designated_by, designated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (village_code, opening_id) DO UPDATE SET places = EXCLUDED.places,
         designated_by = EXCLUDED.designated_by, designated_at = EXCLUDED.designated_at`,
      [villageCode, openingId, places, by, at],
    );
  }

  /** Withdraws the designation; the places it had, undefined when there was none. */
  async release(db: Queryable, villageCode: string, openingId: string): Promise<number | undefined> {
    const r = await db.query(
      `DELETE FROM ${this.#s}.reserved_places WHERE village_code = $1 AND opening_id = $2 RETURNING places`,
      [villageCode, openingId],
    );
    return r.rows[0]?.places as number | undefined;
  }
}
