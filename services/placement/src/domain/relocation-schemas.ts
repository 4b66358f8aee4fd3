import { type Static, Type } from '@sinclair/typebox';
import { PageQuery } from '@tongxin/service-platform';

export const VillageCodeParams = Type.Object({ villageCode: Type.String({ pattern: '^[0-9]{12}$' }) });
export const DesignationParams = Type.Object({
  villageCode: Type.String({ pattern: '^[0-9]{12}$' }),
  openingId: Type.String({ format: 'uuid' }),
});

/** PUT /api/v1/relocated-villages/{villageCode}: mark the village, or change its quota or sites. */
export const RelocatedVillageInput = Type.Object(
  {
    /** Reserved places (帮扶岗位) for the village's registered-poor and relocated workers. */
    quota: Type.Integer({ minimum: 0, maximum: 100_000 }),
    /** The relocation site(s) (安置点) its households moved to. */
    sites: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type RelocatedVillageInput = Static<typeof RelocatedVillageInput>;

/** POST /api/v1/relocated-villages/{villageCode}/openings: places of an opening that count toward the quota. */
export const DesignationInput = Type.Object(
  { openingId: Type.String({ format: 'uuid' }), places: Type.Integer({ minimum: 1, maximum: 100_000 }) },
  { additionalProperties: false },
);
export type DesignationInput = Static<typeof DesignationInput>;

export const RelocatedVillageListQuery = Type.Object(
  { township: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })), ...PageQuery },
  { additionalProperties: false },
);
export type RelocatedVillageListQuery = Static<typeof RelocatedVillageListQuery>;

/** Quota and its figures, for a village or summed over villages (ADR 0010). */
export const ReservedPlaceFigures = {
  quota: Type.Integer(),
  /** Places designated on openings for the village. */
  offered: Type.Integer(),
  /** Designated places held by the village's registered-poor or relocated workers (active placements). */
  filled: Type.Integer(),
  /** quota − filled, never below 0. */
  vacant: Type.Integer(),
  /** Designated places not yet filled on openings still open. */
  openPlaces: Type.Integer(),
};

export const DesignationView = Type.Object({
  openingId: Type.String(),
  title: Type.Optional(Type.String()),
  employerName: Type.Optional(Type.String()),
  openingStatus: Type.Optional(Type.String()),
  headcount: Type.Optional(Type.Integer()),
  places: Type.Integer(),
  filled: Type.Integer(),
  designatedBy: Type.String(),
  designatedAt: Type.String(),
});

export const RelocatedVillageView = Type.Object({
  villageCode: Type.String(),
  villageName: Type.Optional(Type.String()),
  townshipCode: Type.String(),
  townshipName: Type.Optional(Type.String()),
  sites: Type.Array(Type.String()),
  ...ReservedPlaceFigures,
  version: Type.Integer(),
  markedBy: Type.String(),
  markedAt: Type.String(),
  updatedAt: Type.String(),
  /** The openings designated for the village. */
  openings: Type.Array(DesignationView),
});
export type RelocatedVillageView = Static<typeof RelocatedVillageView>;

/** The dashboard's part: county (or the officer's villages) totals and each village's figures. */
export const ReservedPlacesDashboard = Type.Object({
  villages: Type.Integer(),
  ...ReservedPlaceFigures,
  byVillage: Type.Array(
    Type.Object({ villageCode: Type.String(), villageName: Type.Optional(Type.String()), ...ReservedPlaceFigures }),
  ),
});
export type ReservedPlacesDashboard = Static<typeof ReservedPlacesDashboard>;
