import type { Principal } from '@tongxin/auth';
import type { Queryable } from '@tongxin/db';
import { type EventDataMap } from '@tongxin/events';
import { HOME_COUNTY, isKnownRegion, regionShortName, townshipOf } from '@tongxin/regions';
import { ServiceContext, invalidField, notFound, pageOf } from '@tongxin/service-platform';
import type pg from 'pg';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import type {
  DesignationInput,
  RelocatedVillageInput,
  RelocatedVillageListQuery,
  RelocatedVillageView,
  ReservedPlacesDashboard,
} from '../domain/relocation-schemas.ts';
import { overlaps, regionScopeOf } from '../domain/scope.ts';
import { relocatedVillageSnapshot } from '../domain/snapshots.ts';
import { designationExceedsPositions, quotaBelowFilled } from '../errors.ts';
import {
  type DesignationRecord,
  type RelocatedVillageRecord,
  RelocationRepository,
} from '../repositories/relocation-repository.ts';

type RelocationEvent = Extract<keyof EventDataMap, `relocated-village.${string}`>;

/** A village's figures from its designations (ADR 0010); vacant = quota − filled, never below 0. */
function figuresOf(quota: number, designations: readonly DesignationRecord[]) {
  let offered = 0;
  let filled = 0;
  let openPlaces = 0;
  for (const d of designations) {
    offered += d.places;
    filled += d.filled;
    if (d.openingStatus === 'open') openPlaces += d.places - d.filled;
  }
  return { quota, offered, filled, vacant: Math.max(quota - filled, 0), openPlaces };
}
const named = (key: string, name: string | undefined) => (name ? { [key]: name } : {});

/** A cursor of this list: the last village code shown. */
function decodeVillageCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const code = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9]{12}$/.test(code)) throw invalidField('cursor', 'not a cursor this list issued');
  return code;
}

/**
 * Relocated villages (易地扶贫搬迁) and their reserved places (帮扶岗位): administrators mark villages,
 * set quotas and designate openings; officers read the figures of their villages (ADR 0010).
 */
@injectable()
export class RelocationService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(RelocationRepository) private readonly villages: RelocationRepository,
  ) {}

  /** Administrators (the route enforces the role): mark a village, or change its quota or sites. */
  async put(p: Principal, code: string, input: RelocatedVillageInput): Promise<RelocatedVillageView> {
    if (!code.startsWith(HOME_COUNTY) || !isKnownRegion(code))
      throw invalidField('villageCode', `not a village of the county (${HOME_COUNTY})`);
    await this.ctx.transaction(async (tx) => {
      const current = await this.villages.findVillage(tx, code, true);
      const sites = input.sites ?? current?.sites ?? [];
      if (current && current.quota === input.quota && JSON.stringify(current.sites) === JSON.stringify(sites)) return;
      if (current) {
        const { filled } = figuresOf(current.quota, await this.villages.designations(tx, [code]));
        if (input.quota < filled) throw quotaBelowFilled(code, input.quota, filled);
      }
      const saved = await this.villages.saveVillage(
        tx,
        {
          villageCode: code,
          townshipCode: townshipOf(code)!,
          sites,
          quota: input.quota,
          version: (current?.version ?? 0) + 1,
          markedBy: p.sub,
        },
        this.ctx.clock(),
      );
      const village = relocatedVillageSnapshot(saved);
      if (current) await this.emit(tx, 'relocated-village.updated', code, { village, previousQuota: current.quota });
      else await this.emit(tx, 'relocated-village.marked', code, { village });
    });
    return this.get(p, code);
  }

  async list(
    p: Principal,
    q: RelocatedVillageListQuery,
  ): Promise<{ items: RelocatedVillageView[]; nextCursor?: string }> {
    const limit = q.limit ?? 50;
    const scope = regionScopeOf(p);
    const rows = await this.villages.listVillages(this.ctx.pool, {
      ...(scope ? { scope } : {}),
      ...(q.township ? { township: q.township } : {}),
      ...(q.cursor ? { afterCode: decodeVillageCursor(q.cursor) } : {}),
      limit: limit + 1,
    });
    const page = pageOf(
      rows,
      limit,
      (r) => r,
      (r) => r.villageCode,
    );
    return { ...page, items: await this.views(this.ctx.pool, page.items) };
  }

  /** One village with its designated openings; outside an officer's villages it does not exist. */
  async get(p: Principal, code: string): Promise<RelocatedVillageView> {
    const [view] = await this.views(this.ctx.pool, [await this.findInScope(this.ctx.pool, p, code)]);
    return view!;
  }

  /**
   * Administrators: `places` of the opening count toward the village's quota (replacing an earlier
   * number). The opening's hire counter is locked meanwhile, so concurrent designations of one
   * opening never exceed its positions together.
   */
  async designate(p: Principal, code: string, input: DesignationInput): Promise<RelocatedVillageView> {
    await this.ctx.transaction(async (tx) => {
      await this.findInScope(tx, p, code);
      const headcount = await this.villages.lockOpeningHeadcount(tx, input.openingId);
      if (headcount === undefined) throw notFound('opening', input.openingId);
      const previous = await this.villages.findDesignation(tx, code, input.openingId);
      if (previous === input.places) return;
      const elsewhere = await this.villages.designatedElsewhere(tx, input.openingId, code);
      if (elsewhere + input.places > headcount)
        throw designationExceedsPositions(input.openingId, input.places, headcount, elsewhere);
      await this.villages.designate(tx, code, input.openingId, input.places, p.sub, this.ctx.clock());
      await this.emit(tx, 'relocated-village.opening-designated', code, {
        designation: { villageCode: code, openingId: input.openingId, places: input.places },
        ...(previous !== undefined ? { previousPlaces: previous } : {}),
      });
    });
    return this.get(p, code);
  }

  /** Administrators: the opening's places no longer count toward the village's quota. */
  async release(p: Principal, code: string, openingId: string): Promise<RelocatedVillageView> {
    await this.ctx.transaction(async (tx) => {
      await this.findInScope(tx, p, code);
      const places = await this.villages.release(tx, code, openingId);
      if (places === undefined) throw notFound('designation of opening', openingId);
      await this.emit(tx, 'relocated-village.opening-released', code, {
        designation: { villageCode: code, openingId, places },
      });
    });
    return this.get(p, code);
  }

  /** The dashboard's reserved places: every village within `scope` (undefined: the county) and their sums. */
  async dashboard(db: Queryable, scope: string[] | undefined): Promise<ReservedPlacesDashboard> {
    const byVillage = (await this.views(db, await this.villages.listVillages(db, scope ? { scope } : {}))).map((v) => ({
      villageCode: v.villageCode,
      ...named('villageName', v.villageName),
      quota: v.quota,
      offered: v.offered,
      filled: v.filled,
      vacant: v.vacant,
      openPlaces: v.openPlaces,
    }));
    const sum = (k: 'quota' | 'offered' | 'filled' | 'vacant' | 'openPlaces') =>
      byVillage.reduce((n, v) => n + v[k], 0);
    return {
      villages: byVillage.length,
      quota: sum('quota'),
      offered: sum('offered'),
      filled: sum('filled'),
      vacant: sum('vacant'),
      openPlaces: sum('openPlaces'),
      byVillage,
    };
  }

  private async findInScope(db: Queryable, p: Principal, code: string): Promise<RelocatedVillageRecord> {
    const scope = regionScopeOf(p);
    const v = await this.villages.findVillage(db, code);
    if (!v || (scope && !scope.some((s) => overlaps(s, code)))) throw notFound('relocated village', code);
    return v;
  }

  /** Villages with their figures and designated openings, in one query for all of them. */
  private async views(db: Queryable, rows: RelocatedVillageRecord[]): Promise<RelocatedVillageView[]> {
    const designations = await this.villages.designations(
      db,
      rows.map((r) => r.villageCode),
    );
    return rows.map((r) => {
      const mine = designations.filter((d) => d.villageCode === r.villageCode);
      return {
        ...r,
        ...named('villageName', regionShortName(r.villageCode)),
        ...named('townshipName', regionShortName(r.townshipCode)),
        ...figuresOf(r.quota, mine),
        openings: mine.map(({ villageCode: _v, ...d }) => d),
      };
    });
  }

  private async emit<T extends RelocationEvent>(
    tx: pg.PoolClient,
    type: T,
    subject: string,
    data: EventDataMap[T],
  ): Promise<void> {
    await this.ctx.emit(tx, type, subject, data);
  }
}
