import { type Static, Type } from '@sinclair/typebox';
import { ListQuery, literals, StrictObject } from '@tongxin/service-platform';
import { ReservedPlacesDashboard } from './relocation-schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const DateStr = Type.String({ format: 'date', maxLength: 10 });
const Note = Type.String({ minLength: 1, maxLength: 500 });

export const Tier = literals(['in_county', 'in_province', 'out_of_province']);
export type Tier = Static<typeof Tier>;

export const ApplicationStatus = Type.Union(
  ['submitted', 'screening', 'interview', 'offered', 'hired', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)),
);

/** POST /api/v1/applications: a worker applies (workerId optional, it is themselves) or an officer refers. */
export const ApplicationInput = StrictObject({
  openingId: Uuid,
  workerId: Type.Optional(Uuid),
  /** For a referral (推荐): the referring officer's account; must be the caller. Set automatically for officers. */
  referredBy: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  note: Type.Optional(Note),
});
export type ApplicationInput = Static<typeof ApplicationInput>;

/** POST /api/v1/applications/{id}/interview, or `interview` of the move to `interview`: when and where. */
export const InterviewInput = StrictObject({
  /** When the interview takes place: a future date-time with its offset (e.g. 2026-12-03T09:30:00+08:00). */
  at: Type.String({ format: 'date-time', maxLength: 40 }),
  place: Type.String({ minLength: 1, maxLength: 200 }),
  note: Type.Optional(Note),
});
export type InterviewInput = Static<typeof InterviewInput>;

export const InterviewView = Type.Object({
  at: Type.String({ format: 'date-time' }),
  place: Type.String(),
  note: Type.Optional(Type.String()),
  /** 1 when first set; one more for each change. */
  revision: Type.Integer({ minimum: 1 }),
  setBy: Type.String(),
  setAt: Type.String(),
});

/** PATCH /api/v1/applications/{id}: a move; `startDate` and `agreedWage` describe the hire, `interview` the move to interview. */
export const ApplicationPatch = StrictObject({
  status: ApplicationStatus,
  note: Type.Optional(Note),
  interview: Type.Optional(InterviewInput),
  startDate: Type.Optional(DateStr),
  agreedWage: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
});
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
  /** The interview the employer set: time and place (issue 15). */
  interview: Type.Optional(InterviewView),
  history: Type.Array(HistoryEntry),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type ApplicationView = Static<typeof ApplicationView>;

export const ApplicationListQuery = ListQuery({
  openingId: Uuid,
  workerId: Uuid,
  status: ApplicationStatus,
});
export type ApplicationListQuery = Static<typeof ApplicationListQuery>;

export const FollowUpDay = Type.Union([Type.Literal(30), Type.Literal(90), Type.Literal(180)]);

/** POST /api/v1/placements/{id}/follow-ups; `stillEmployed: false` also records the separation (with `reason`). */
export const FollowUpInput = StrictObject({
  day: FollowUpDay,
  stillEmployed: Type.Boolean(),
  wagesPaidOnTime: Type.Boolean(),
  note: Type.Optional(Note),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  separatedAt: Type.Optional(DateStr),
});
export type FollowUpInput = Static<typeof FollowUpInput>;

/** POST /api/v1/placements/{id}/separation */
export const SeparationInput = StrictObject({
  reason: Type.String({ minLength: 1, maxLength: 200 }),
  separatedAt: Type.Optional(DateStr),
  note: Type.Optional(Note),
});
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
  status: literals(['active', 'separated']),
  hiredAt: Type.String(),
  separatedAt: Type.Optional(Type.String()),
  separationReason: Type.Optional(Type.String()),
  followUps: Type.Array(FollowUpView),
});
export type PlacementView = Static<typeof PlacementView>;

export const PlacementListQuery = ListQuery({
  workerId: Uuid,
  employerId: Uuid,
  /** Officer account: placements of the workers this officer is assigned to. */
  officer: Type.String({ minLength: 1, maxLength: 64 }),
  status: literals(['active', 'separated']),
  tier: Tier,
  /** Only placements with a follow-up due now (within the grace period). */
  due: Type.Boolean(),
  /** Only placements with a follow-up past its grace period. */
  overdue: Type.Boolean(),
});
export type PlacementListQuery = Static<typeof PlacementListQuery>;

export const SubsidyStatus = literals(['eligible', 'approved', 'paid']);
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

export const SubsidyListQuery = ListQuery({
  status: SubsidyStatus,
  workerId: Uuid,
  placementId: Uuid,
  ruleId: Type.String({ maxLength: 64 }),
});
export type SubsidyListQuery = Static<typeof SubsidyListQuery>;

export const SubsidyPatch = StrictObject({ status: literals(['approved', 'paid']), note: Type.Optional(Note) });
export type SubsidyPatch = Static<typeof SubsidyPatch>;

export const CoverageQuery = StrictObject({
  township: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
  village: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  /** Size of the not-covered list (it is ordered by village, then name). */
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
  /** `nextCursor` of the previous page of the not-covered list. */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
export type CoverageQuery = Static<typeof CoverageQuery>;

/** The coverage list's export: the region only, since it holds every page. */
export const CoverageExportQuery = StrictObject({
  township: CoverageQuery.properties.township,
  village: CoverageQuery.properties.village,
});

export const SubsidyExportQuery = StrictObject({ status: Type.Optional(SubsidyStatus) });

export const CoverageReason = literals(['no_officer', 'no_recent_contact', 'not_employed_training_or_referred']);
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

/** Why a household is not reached: no member had a service or contact in the window (and none has an officer). */
export const HouseholdCoverageReason = Type.Union([Type.Literal('no_recent_contact'), Type.Literal('no_officer')]);
export type HouseholdCoverageReason = Static<typeof HouseholdCoverageReason>;

/**
 * 不漏一户 by household: the figures count households (`target`: registered-poor or relocated
 * households with a migrant worker; `covered`: reached within the window), and the list names
 * the households not reached.
 */
export const HouseholdCoverageView = Type.Object({
  asOf: Type.String(),
  coverageDays: Type.Integer(),
  totals: CoverageView.properties.totals,
  townships: CoverageView.properties.townships,
  notReached: Type.Array(
    Type.Object({
      /** Absent for a worker without a household number: a household of one. */
      householdNo: Type.Optional(Type.String()),
      homeVillageCode: Type.String(),
      homeVillageName: Type.Optional(Type.String()),
      registeredPoor: Type.Boolean(),
      relocated: Type.Boolean(),
      members: Type.Array(
        Type.Object({ workerId: Type.String(), name: Type.String(), employmentStatus: Type.String() }),
      ),
      /** The latest service or contact of any member. */
      lastContact: Type.Optional(Type.String()),
      reasons: Type.Array(HouseholdCoverageReason),
    }),
  ),
  notReachedTruncated: Type.Boolean(),
  nextCursor: Type.Optional(Type.String()),
});
export type HouseholdCoverageView = Static<typeof HouseholdCoverageView>;

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
    /** Members recorded as mobile (流动党员), of `members`. */
    mobileMembers: Type.Integer(),
    contacts: Type.Integer(),
    applications: Type.Integer(),
    /** Applicants who became activists (入党积极分子), each counted once. */
    activists: Type.Integer(),
  }),
  /** 六个一 activities: by kind, villages that held any, villages that held all six kinds. */
  activities: Type.Object({
    total: Type.Integer(),
    byKind: Type.Record(Type.String(), Type.Integer()),
    villages: Type.Integer(),
    villagesWithAllSix: Type.Integer(),
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
  /** Households with a migrant worker, by status, and 不漏一户: registered-poor or relocated households reached. */
  households: Type.Object({
    total: Type.Integer(),
    registeredPoor: Type.Integer(),
    relocated: Type.Integer(),
    monitored: Type.Integer(),
    target: Type.Integer(),
    reached: Type.Integer(),
    rate: Type.Number(),
  }),
  monthlyPlacements: Type.Array(
    Type.Object({ month: Type.String(), placements: Type.Integer(), poorOrRelocated: Type.Integer() }),
  ),
});
export type DashboardView = Static<typeof DashboardView>;
