import { type Static, Type } from '@sinclair/typebox';
import { Cursor, DateStr, Limit, PartyFigures, Str, Township, Uuid, Village, literals } from '../ledgers/schemas.ts';

export const FederationInput = Type.Object(
  { townshipCode: Township, name: Str(100), leaderName: Str(50) },
  { additionalProperties: false },
);
export type FederationInput = Static<typeof FederationInput>;

export const FederationView = Type.Object({
  id: Type.String(),
  townshipCode: Type.String(),
  townshipName: Type.Optional(Type.String()),
  name: Type.String(),
  leaderName: Type.String(),
  workGroups: Type.Integer(),
  members: Type.Integer(),
  createdAt: Type.String(),
});
export type FederationView = Static<typeof FederationView>;

export const WorkGroupInput = Type.Object(
  {
    federationId: Uuid,
    name: Str(100),
    leaderName: Str(50),
    /** The leader when registered as a worker (the view then shows their masked phone). */
    leaderWorkerId: Type.Optional(Uuid),
    villageCodes: Type.Array(Village, { minItems: 1, maxItems: 50, uniqueItems: true }),
    /** 党建带工建: the party group leading this work group (a group of one of its villages). */
    partyGroupId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);
export type WorkGroupInput = Static<typeof WorkGroupInput>;

export const WorkGroupPatch = Type.Partial(Type.Omit(WorkGroupInput, ['federationId']), {
  additionalProperties: false,
  minProperties: 1,
});
export type WorkGroupPatch = Static<typeof WorkGroupPatch>;

export const WorkGroupView = Type.Object({
  id: Type.String(),
  federationId: Type.String(),
  townshipCode: Type.String(),
  name: Type.String(),
  leaderName: Type.String(),
  leaderWorkerId: Type.Optional(Type.String()),
  /** The leader's phone, masked (personal data). */
  leaderPhone: Type.Optional(Type.String()),
  villageCodes: Type.Array(Type.String()),
  villages: Type.Array(Type.Object({ code: Type.String(), name: Type.Optional(Type.String()) })),
  partyGroupId: Type.Optional(Type.String()),
  partyGroupName: Type.Optional(Type.String()),
  members: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type WorkGroupView = Static<typeof WorkGroupView>;

export const UnionListQuery = Type.Object(
  { village: Type.Optional(Village), township: Type.Optional(Township), cursor: Cursor, limit: Limit },
  { additionalProperties: false },
);
export type UnionListQuery = Static<typeof UnionListQuery>;

export const JoinInput = Type.Object(
  { workGroupId: Uuid, membershipNo: Str(40), joinedOn: DateStr },
  { additionalProperties: false },
);
export type JoinInput = Static<typeof JoinInput>;

export const LeaveInput = Type.Object({ leftOn: DateStr }, { additionalProperties: false });
export type LeaveInput = Static<typeof LeaveInput>;

export const MembershipView = Type.Object({
  id: Type.String(),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  workGroupId: Type.String(),
  workGroupName: Type.Optional(Type.String()),
  villageCode: Type.String(),
  membershipNo: Type.String(),
  joinedOn: Type.String(),
  leftOn: Type.Optional(Type.String()),
});
export type MembershipView = Static<typeof MembershipView>;

export const MembersQuery = Type.Object(
  { open: Type.Optional(Type.Boolean({ default: true })), cursor: Cursor, limit: Limit },
  { additionalProperties: false },
);
export type MembersQuery = Static<typeof MembersQuery>;

export const UnionFigures = Type.Object({ workGroups: Type.Integer(), members: Type.Integer() });
export type UnionFigures = Static<typeof UnionFigures>;

const SideBySide = Type.Object({
  regionCode: Type.String(),
  regionName: Type.Optional(Type.String()),
  union: UnionFigures,
  party: PartyFigures,
});

export const UnionFiguresView = Type.Object({
  regionCode: Type.String(),
  regionName: Type.Optional(Type.String()),
  level: literals(['county', 'township', 'village'] as const),
  /** Federations under the region (one per township). */
  federations: Type.Integer(),
  totals: SideBySide,
  /** Townships of the county, or villages of a township: union and party figures side by side. */
  breakdown: Type.Array(SideBySide),
  /** Members per work group of the region. */
  workGroups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), members: Type.Integer() })),
});
export type UnionFiguresView = Static<typeof UnionFiguresView>;
