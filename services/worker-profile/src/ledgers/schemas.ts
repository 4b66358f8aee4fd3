import { type Static, Type } from '@sinclair/typebox';

export const Str = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const DateStr = Type.String({ format: 'date', maxLength: 10 });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', maxLength: 7 });
export const Village = Type.String({ pattern: '^[0-9]{12}$' });
export const Township = Type.String({ pattern: '^[0-9]{9}$' });
/** Any region code from county down: an activity may concern a village, a township or the county. */
const RegionCode = Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$' });
export const Uuid = Type.String({ format: 'uuid' });
export const Cursor = Type.Optional(Type.String({ maxLength: 200 }));
export const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }));

export const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** The five services (五项服务). */
export const SERVICE_KINDS = ['training', 'information', 'rights', 'hardship', 'subsidy'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
/** How a service was delivered; `system` marks records opened by events, never typed by officers. */
export const CHANNELS = ['visit', 'phone', 'wechat', 'office', 'system'] as const;
export type Channel = (typeof CHANNELS)[number];
/** The 六个一 activities. */
export const ACTIVITY_KINDS = ['letter', 'employer_notice', 'symposium', 'training', 'visit', 'exemplar'] as const;
/** Income categories of the rural household survey (工资性, 经营净, 财产净, 转移净). */
export const INCOME_SOURCES = ['wages', 'business', 'property', 'transfer'] as const;

export const ServiceRecordInput = Type.Object(
  {
    service: literals(SERVICE_KINDS),
    date: DateStr,
    channel: literals(CHANNELS.filter((c) => c !== 'system')),
    note: Type.Optional(Str(1000)),
    outcome: Type.Optional(Str(500)),
    /** Administrators may record on behalf of an officer; officers record as themselves. */
    officerId: Type.Optional(Str(64)),
  },
  { additionalProperties: false },
);
export type ServiceRecordInput = Static<typeof ServiceRecordInput>;

export const ServiceRecordView = Type.Object({
  id: Type.String(),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  homeVillageCode: Type.String(),
  service: literals(SERVICE_KINDS),
  date: Type.String(),
  officerId: Type.String(),
  channel: literals(CHANNELS),
  note: Type.Optional(Type.String()),
  outcome: Type.Optional(Type.String()),
  source: literals(['officer', 'event', 'import'] as const),
  createdAt: Type.String(),
});
export type ServiceRecordView = Static<typeof ServiceRecordView>;

export const ServiceListQuery = Type.Object(
  {
    village: Type.Optional(Village),
    township: Type.Optional(Township),
    officerId: Type.Optional(Str(64)),
    service: Type.Optional(literals(SERVICE_KINDS)),
    from: Type.Optional(DateStr),
    to: Type.Optional(DateStr),
    limit: Limit,
    cursor: Cursor,
  },
  { additionalProperties: false },
);
export type ServiceListQuery = Static<typeof ServiceListQuery>;

export const WorkerLedgerQuery = Type.Object(
  { limit: Limit, cursor: Cursor, history: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type WorkerLedgerQuery = Static<typeof WorkerLedgerQuery>;

export const ActivityInput = Type.Object(
  {
    kind: literals(ACTIVITY_KINDS),
    regionCode: RegionCode,
    date: DateStr,
    title: Type.Optional(Str(200)),
    note: Type.Optional(Str(1000)),
    participants: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
export type ActivityInput = Static<typeof ActivityInput>;

export const ActivityView = Type.Object({
  id: Type.String(),
  kind: literals(ACTIVITY_KINDS),
  regionCode: Type.String(),
  date: Type.String(),
  officerId: Type.String(),
  title: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  participants: Type.Optional(Type.Integer()),
  createdAt: Type.String(),
});
export type ActivityView = Static<typeof ActivityView>;

export const ActivityListQuery = Type.Object(
  {
    region: Type.Optional(RegionCode),
    kind: Type.Optional(literals(ACTIVITY_KINDS)),
    officerId: Type.Optional(Str(64)),
    /** `oldest` first (the default, as recorded) or `newest` first, as the portal lists them. */
    order: Type.Optional(literals(['oldest', 'newest'] as const)),
    limit: Limit,
    cursor: Cursor,
  },
  { additionalProperties: false },
);
export type ActivityListQuery = Static<typeof ActivityListQuery>;

export const IncomeInput = Type.Object(
  {
    month: Month,
    /** RMB yuan; kept to the fen (two decimals). */
    amount: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    source: literals(INCOME_SOURCES),
    employerName: Type.Optional(Str(200)),
    verified: Type.Boolean(),
    note: Type.Optional(Str(500)),
  },
  { additionalProperties: false },
);
export type IncomeInput = Static<typeof IncomeInput>;

export const IncomeView = Type.Object({
  id: Type.String(),
  workerId: Type.String(),
  homeVillageCode: Type.String(),
  householdNo: Type.Optional(Type.String()),
  month: Type.String(),
  amount: Type.Number(),
  source: literals(INCOME_SOURCES),
  employerName: Type.Optional(Type.String()),
  verified: Type.Boolean(),
  note: Type.Optional(Type.String()),
  /** The entry this one corrected. */
  replaces: Type.Optional(Type.String()),
  /** Set on entries a correction replaced (listed with `history=true`). */
  supersededAt: Type.Optional(Type.String()),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
export type IncomeView = Static<typeof IncomeView>;

export const HouseholdQuery = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    village: Type.Optional(Village),
    township: Type.Optional(Township),
    /** Only households under the poverty line (default true). */
    below: Type.Optional(Type.Boolean({ default: true })),
    limit: Limit,
    cursor: Cursor,
  },
  { additionalProperties: false },
);
export type HouseholdQuery = Static<typeof HouseholdQuery>;

export const HouseholdView = Type.Object({
  householdNo: Type.Optional(Type.String()),
  homeVillageCode: Type.String(),
  workerIds: Type.Array(Type.String()),
  householdSize: Type.Integer(),
  /** A month counts its verified entry when there is one, else the self-reported figure. */
  annualIncome: Type.Number(),
  /** The part of `annualIncome` from officer-verified entries. */
  verifiedIncome: Type.Number(),
  /** The part of `annualIncome` from self-reported entries (months with no verified entry). */
  selfReportedIncome: Type.Number(),
  perPerson: Type.Number(),
  monthsRecorded: Type.Integer(),
  /** Every current entry of the year: verified or self-reported, and whether the total counts it. */
  entries: Type.Array(
    Type.Object({
      workerId: Type.String(),
      month: Type.String(),
      amount: Type.Number(),
      source: literals(INCOME_SOURCES),
      verified: Type.Boolean(),
      counted: Type.Boolean(),
    }),
  ),
  povertyLine: Type.Number(),
  below: Type.Boolean(),
});
export const HouseholdPage = Type.Object({
  year: Type.Integer(),
  povertyLine: Type.Number(),
  basis: Type.Literal('per_person'),
  items: Type.Array(HouseholdView),
  nextCursor: Type.Optional(Type.String()),
});

export const PartyGroupInput = Type.Object(
  {
    name: Str(100),
    villageCode: Village,
    leaderName: Str(50),
    leaderWorkerId: Type.Optional(Uuid),
    foundedAt: Type.Optional(DateStr),
  },
  { additionalProperties: false },
);
export type PartyGroupInput = Static<typeof PartyGroupInput>;

export const PartyMemberInput = Type.Object(
  { workerId: Uuid, mobile: Type.Boolean(), joinedPartyAt: Type.Optional(DateStr) },
  { additionalProperties: false },
);
export type PartyMemberInput = Static<typeof PartyMemberInput>;

export const PartyContactInput = Type.Object(
  { workerId: Uuid, since: Type.Optional(DateStr) },
  { additionalProperties: false },
);
export type PartyContactInput = Static<typeof PartyContactInput>;

export const PartyApplicationInput = Type.Object(
  { workerId: Uuid, appliedAt: DateStr, activistAt: Type.Optional(DateStr), note: Type.Optional(Str(500)) },
  { additionalProperties: false },
);
export type PartyApplicationInput = Static<typeof PartyApplicationInput>;

export const PartyMemberView = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  mobile: Type.Boolean(),
  joinedPartyAt: Type.Optional(Type.String()),
  contacts: Type.Array(
    Type.Object({
      workerId: Type.String(),
      workerName: Type.Optional(Type.String()),
      since: Type.Optional(Type.String()),
    }),
  ),
});
export type PartyMemberView = Static<typeof PartyMemberView>;

export const PartyGroupView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  villageCode: Type.String(),
  villageName: Type.Optional(Type.String()),
  leaderName: Type.String(),
  leaderWorkerId: Type.Optional(Type.String()),
  foundedAt: Type.Optional(Type.String()),
  members: Type.Array(PartyMemberView),
  createdAt: Type.String(),
});
export type PartyGroupView = Static<typeof PartyGroupView>;

export const PartyApplicationView = Type.Object({
  id: Type.String(),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  villageCode: Type.String(),
  appliedAt: Type.String(),
  activistAt: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  updatedAt: Type.String(),
});
export type PartyApplicationView = Static<typeof PartyApplicationView>;

export const PartyListQuery = Type.Object(
  { village: Type.Optional(Village), township: Type.Optional(Township), limit: Limit, cursor: Cursor },
  { additionalProperties: false },
);
export type PartyListQuery = Static<typeof PartyListQuery>;

export const PartyFiguresQuery = Type.Object(
  { village: Type.Optional(Village), township: Type.Optional(Township) },
  { additionalProperties: false },
);
export type PartyFiguresQuery = Static<typeof PartyFiguresQuery>;

export const PartyFigures = Type.Object({
  groups: Type.Integer(),
  mobileMembers: Type.Integer(),
  members: Type.Integer(),
  workersInTouch: Type.Integer(),
  applications: Type.Integer(),
  activists: Type.Integer(),
});
export type PartyFigures = Static<typeof PartyFigures>;

export const PartyFiguresView = Type.Object({
  regionCode: Type.String(),
  regionName: Type.Optional(Type.String()),
  level: literals(['county', 'township', 'village'] as const),
  totals: PartyFigures,
  /** One row per unit one level down (townships of the county, villages of a township). */
  breakdown: Type.Array(
    Type.Composite([
      Type.Object({ regionCode: Type.String(), regionName: Type.Optional(Type.String()) }),
      PartyFigures,
    ]),
  ),
});
