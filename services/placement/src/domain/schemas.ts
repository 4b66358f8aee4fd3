import { type Static, Type } from '@sinclair/typebox';
import { PageQuery } from '@tongxin/service-platform';
import { ReservedPlacesDashboard } from './relocation-schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateStr = Type.String({ format: 'date', maxLength: 10 });
const Note = Type.String({ minLength: 1, maxLength: 500 });

export const Tier = Type.Union([
  Type.Literal('in_county'),
  Type.Literal('in_province'),
  Type.Literal('out_of_province'),
]);
export type Tier = Static<typeof Tier>;

export const ApplicationStatus = Type.Union(
  ['submitted', 'screening', 'interview', 'offered', 'hired', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)),
);

/** POST /api/v1/applications: a worker applies (workerId optional, it is themselves) or an officer refers. */
export const ApplicationInput = Type.Object(
  {
    openingId: Uuid,
    workerId: Type.Optional(Uuid),
    /** For a referral (推荐): the referring officer's account; must be the caller. Set automatically for officers. */
    referredBy: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type ApplicationInput = Static<typeof ApplicationInput>;

/** PATCH /api/v1/applications/{id}: a move; `startDate` and `agreedWage` describe the hire. */
export const ApplicationPatch = Type.Object(
  {
    status: ApplicationStatus,
    note: Type.Optional(Note),
    startDate: Type.Optional(DateStr),
    agreedWage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);
export type ApplicationPatch = Static<typeof ApplicationPatch>;

export const HistoryEntry = Type.Object({
  from: Type.Optional(Type.String()),
  to: Type.String(),
  by: Type.String(),
  byRole: Type.String(),
  at: Type.String(),
  note: Type.Optional(Type.String()),
});

/** What placement knows of a worker (from worker events): no phone, no ID number. */
export const WorkerSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: Type.String(),
  homeVillageCode: Type.String(),
  homeVillageName: Type.Optional(Type.String()),
  householdStatus: Type.String(),
  relocated: Type.Boolean(),
  skills: Type.Array(Type.Object({ code: Type.String(), level: Type.Integer(), certified: Type.Boolean() })),
  employmentStatus: Type.String(),
});
export type WorkerSummary = Static<typeof WorkerSummary>;

export const ApplicationView = Type.Object({
  id: Type.String(),
  workerId: Type.String(),
  openingId: Type.String(),
  employerId: Type.String(),
  openingTitle: Type.Optional(Type.String()),
  status: ApplicationStatus,
  referredBy: Type.Optional(Type.String()),
  homeVillageCode: Type.String(),
  worker: Type.Optional(WorkerSummary),
  /**
   * True in `interview`, `offered` and `hired` while the employer is not suspended: the employer may then
   * ask worker-profile for the unmasked phone and ID number. False again once rejected or withdrawn.
   */
  contactVisible: Type.Boolean(),
  /**
   * The statuses the caller may move this application to now (the pipeline's next step, `rejected`,
   * `withdrawn`, as the caller's role allows); empty when it is closed. Clients offer these and nothing else.
   */
  allowedMoves: Type.Array(ApplicationStatus),
  placementId: Type.Optional(Type.String()),
  history: Type.Array(HistoryEntry),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ApplicationView = Static<typeof ApplicationView>;

export const ApplicationListQuery = Type.Object(
  {
    openingId: Type.Optional(Uuid),
    workerId: Type.Optional(Uuid),
    status: Type.Optional(ApplicationStatus),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ApplicationListQuery = Static<typeof ApplicationListQuery>;

export const FollowUpDay = Type.Union([Type.Literal(30), Type.Literal(90), Type.Literal(180)]);

/** POST /api/v1/placements/{id}/follow-ups; `stillEmployed: false` also records the separation (with `reason`). */
export const FollowUpInput = Type.Object(
  {
    day: FollowUpDay,
    stillEmployed: Type.Boolean(),
    wagesPaidOnTime: Type.Boolean(),
    note: Type.Optional(Note),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    separatedAt: Type.Optional(DateStr),
  },
  { additionalProperties: false },
);
export type FollowUpInput = Static<typeof FollowUpInput>;

/** POST /api/v1/placements/{id}/separation */
export const SeparationInput = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 200 }),
    separatedAt: Type.Optional(DateStr),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type SeparationInput = Static<typeof SeparationInput>;

export const FollowUpView = Type.Object({
  day: Type.Integer(),
  dueDate: Type.String(),
  state: Type.Union(['done', 'upcoming', 'due', 'overdue', 'cancelled'].map((s) => Type.Literal(s))),
  stillEmployed: Type.Optional(Type.Boolean()),
  wagesPaidOnTime: Type.Optional(Type.Boolean()),
  note: Type.Optional(Type.String()),
  at: Type.Optional(Type.String()),
  by: Type.Optional(Type.String()),
});
export type FollowUpView = Static<typeof FollowUpView>;

export const PlacementView = Type.Object({
  id: Type.String(),
  applicationId: Type.String(),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  officerId: Type.Optional(Type.String()),
  openingId: Type.String(),
  openingTitle: Type.Optional(Type.String()),
  employerId: Type.String(),
  employerName: Type.Optional(Type.String()),
  homeVillageCode: Type.String(),
  startDate: Type.String(),
  agreedWage: Type.Integer(),
  tier: Tier,
  status: Type.Union([Type.Literal('active'), Type.Literal('separated')]),
  hiredAt: Type.String(),
  separatedAt: Type.Optional(Type.String()),
  separationReason: Type.Optional(Type.String()),
  followUps: Type.Array(FollowUpView),
});
export type PlacementView = Static<typeof PlacementView>;

export const PlacementListQuery = Type.Object(
  {
    workerId: Type.Optional(Uuid),
    employerId: Type.Optional(Uuid),
    /** Officer account: placements of the workers this officer is assigned to. */
    officer: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('separated')])),
    tier: Type.Optional(Tier),
    /** Only placements with a follow-up due now (within the grace period). */
    due: Type.Optional(Type.Boolean()),
    /** Only placements with a follow-up past its grace period. */
    overdue: Type.Optional(Type.Boolean()),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type PlacementListQuery = Static<typeof PlacementListQuery>;

export const SubsidyStatus = Type.Union([Type.Literal('eligible'), Type.Literal('approved'), Type.Literal('paid')]);
export type SubsidyStatus = Static<typeof SubsidyStatus>;

export const SubsidyView = Type.Object({
  id: Type.String(),
  ruleId: Type.String(),
  ruleName: Type.Optional(Type.String()),
  placementId: Type.String(),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  homeVillageCode: Type.String(),
  amount: Type.Integer(),
  status: SubsidyStatus,
  eligibleAt: Type.String(),
  approvedAt: Type.Optional(Type.String()),
  approvedBy: Type.Optional(Type.String()),
  paidAt: Type.Optional(Type.String()),
  paidBy: Type.Optional(Type.String()),
});
export type SubsidyView = Static<typeof SubsidyView>;

export const SubsidyListQuery = Type.Object(
  {
    status: Type.Optional(SubsidyStatus),
    workerId: Type.Optional(Uuid),
    placementId: Type.Optional(Uuid),
    ruleId: Type.Optional(Type.String({ maxLength: 64 })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type SubsidyListQuery = Static<typeof SubsidyListQuery>;

export const SubsidyPatch = Type.Object(
  { status: Type.Union([Type.Literal('approved'), Type.Literal('paid')]), note: Type.Optional(Note) },
  { additionalProperties: false },
);
export type SubsidyPatch = Static<typeof SubsidyPatch>;

export const CoverageQuery = Type.Object(
  {
    township: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
    village: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    /** Size of the not-covered list (it is ordered by village, then name). */
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
    /** `nextCursor` of the previous page of the not-covered list. */
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type CoverageQuery = Static<typeof CoverageQuery>;

export const CoverageReason = Type.Union([
  Type.Literal('no_officer'),
  Type.Literal('no_recent_contact'),
  Type.Literal('not_employed_training_or_referred'),
]);
export type CoverageReason = Static<typeof CoverageReason>;

const CoverageFigures = {
  code: Type.String(),
  name: Type.Optional(Type.String()),
  /** Registered-poor or relocated workers: the people the promise is about. */
  target: Type.Integer(),
  registeredPoor: Type.Integer(),
  relocated: Type.Integer(),
  covered: Type.Integer(),
  notCovered: Type.Integer(),
  rate: Type.Number(),
};
export const CoverageArea = Type.Object(CoverageFigures);

export const CoverageView = Type.Object({
  asOf: Type.String(),
  coverageDays: Type.Integer(),
  totals: Type.Object({
    target: Type.Integer(),
    registeredPoor: Type.Integer(),
    relocated: Type.Integer(),
    covered: Type.Integer(),
    notCovered: Type.Integer(),
    rate: Type.Number(),
  }),
  townships: Type.Array(Type.Object({ ...CoverageFigures, villages: Type.Array(CoverageArea) })),
  notCovered: Type.Array(
    Type.Object({
      workerId: Type.String(),
      name: Type.String(),
      homeVillageCode: Type.String(),
      homeVillageName: Type.Optional(Type.String()),
      householdStatus: Type.String(),
      relocated: Type.Boolean(),
      employmentStatus: Type.String(),
      officerId: Type.Optional(Type.String()),
      lastContact: Type.Optional(Type.String()),
      reasons: Type.Array(CoverageReason),
    }),
  ),
  notCoveredTruncated: Type.Boolean(),
  /** Where the not-covered list goes on (pass as `cursor`); absent on its last page. */
  nextCursor: Type.Optional(Type.String()),
});
export type CoverageView = Static<typeof CoverageView>;

const ByTier = Type.Object({ in_county: Type.Integer(), in_province: Type.Integer(), out_of_province: Type.Integer() });

export const DashboardView = Type.Object({
  asOf: Type.String(),
  scope: Type.Array(Type.String()),
  workers: Type.Object({
    registered: Type.Integer(),
    registeredPoor: Type.Integer(),
    registeredPoorShare: Type.Number(),
    relocated: Type.Integer(),
    unionMembers: Type.Integer(),
    byEmploymentStatus: Type.Record(Type.String(), Type.Integer()),
  }),
  party: Type.Object({
    groups: Type.Integer(),
    members: Type.Integer(),
    contacts: Type.Integer(),
    applications: Type.Integer(),
  }),
  /** The union organisation and the villages' 七有 standard, learnt from union.* and village.qiyou-status-changed. */
  union: Type.Object({
    workGroups: Type.Integer(),
    members: Type.Integer(),
    /** Villages whose last published 七有 status is met, of those evaluated. */
    qiyouVillagesMet: Type.Integer(),
    qiyouVillagesEvaluated: Type.Integer(),
  }),
  training: Type.Object({
    batches: Type.Integer(),
    trainees: Type.Integer(),
    enrollments: Type.Integer(),
    completed: Type.Integer(),
    inTraining: Type.Integer(),
  }),
  employers: Type.Object({ total: Type.Integer(), verified: Type.Integer(), byTier: ByTier }),
  openings: Type.Object({ open: Type.Integer(), positions: Type.Integer(), reservedForPoorPositions: Type.Integer() }),
  applications: Type.Object({
    total: Type.Integer(),
    referrals: Type.Integer(),
    byStatus: Type.Record(Type.String(), Type.Integer()),
  }),
  placements: Type.Object({
    total: Type.Integer(),
    active: Type.Integer(),
    separated: Type.Integer(),
    byTier: ByTier,
    followUpsDue: Type.Integer(),
    followUpsOverdue: Type.Integer(),
  }),
  subsidies: Type.Object({
    eligible: Type.Integer(),
    approved: Type.Integer(),
    paid: Type.Integer(),
    paidAmount: Type.Integer(),
  }),
  coverage: Type.Object({ target: Type.Integer(), covered: Type.Integer(), rate: Type.Number() }),
  /** Reserved places (帮扶岗位) of the relocated villages (ADR 0010). */
  reservedPlaces: ReservedPlacesDashboard,
  monthlyPlacements: Type.Array(
    Type.Object({ month: Type.String(), placements: Type.Integer(), poorOrRelocated: Type.Integer() }),
  ),
});
export type DashboardView = Static<typeof DashboardView>;
