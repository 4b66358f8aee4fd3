import { type Static, Type } from '@sinclair/typebox';
import { HouseholdStatus, Relocation } from '../registry/schemas.ts';
import { INCOME_SOURCES } from '../ledgers/schemas.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
/** 精准扶贫 began in 2013: no household of the roster left poverty earlier. */
export const FIRST_LEFT_POVERTY_YEAR = 2013;

export const HouseholdListQuery = Type.Object(
  {
    village: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
    township: Type.Optional(Type.String({ pattern: '^[0-9]{9}$' })),
    status: Type.Optional(HouseholdStatus),
    relocated: Type.Optional(Type.Boolean()),
    /** The household number, whole. */
    householdNo: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type HouseholdListQuery = Static<typeof HouseholdListQuery>;

export const HouseholdReadQuery = Type.Object(
  {
    /** The year of the income figures; the county's current year when absent. */
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  },
  { additionalProperties: false },
);

/** PATCH /api/v1/households/{id}: what no member's registry record carries. */
export const HouseholdPatch = Type.Object(
  {
    otherMembers: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 })),
    /** The year a registered-poor household left poverty (脱贫年度); null clears it. */
    leftPovertyYear: Type.Optional(Type.Union([Type.Integer({ minimum: FIRST_LEFT_POVERTY_YEAR }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type HouseholdPatch = Static<typeof HouseholdPatch>;

export const HouseholdIncomeInput = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    source: literals(INCOME_SOURCES),
    amount: Type.Number({ minimum: 0, maximum: 10_000_000 }),
    note: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type HouseholdIncomeInput = Static<typeof HouseholdIncomeInput>;

export const HouseholdIncomeView = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  source: literals(INCOME_SOURCES),
  amount: Type.Number(),
  note: Type.Optional(Type.String()),
  recordedBy: Type.String(),
  createdAt: Type.String(),
});
export type HouseholdIncomeView = Static<typeof HouseholdIncomeView>;

export const HouseholdMember = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: Type.String(),
  employmentStatus: Type.String(),
  lastContactAt: Type.Optional(Type.String()),
});

const HouseholdFields = {
  id: Type.String(),
  householdNo: Type.String(),
  homeVillageCode: Type.String(),
  homeVillageName: Type.Optional(Type.String()),
  townshipCode: Type.String(),
  status: HouseholdStatus,
  leftPovertyYear: Type.Optional(Type.Integer()),
  relocated: Type.Boolean(),
  relocation: Type.Optional(Relocation),
  members: Type.Array(HouseholdMember),
  otherMembers: Type.Integer(),
  /** Registered members plus other members. */
  size: Type.Integer(),
  version: Type.Integer(),
  updatedAt: Type.String(),
};
export const HouseholdSummary = Type.Object(HouseholdFields);
export type HouseholdSummary = Static<typeof HouseholdSummary>;

export const HouseholdView = Type.Object({
  ...HouseholdFields,
  income: Type.Object({
    year: Type.Integer(),
    /** The members' incomes in the income ledger (a month counts its verified entry when there is one). */
    members: Type.Number(),
    /** The household's other income lines of the year. */
    other: Type.Number(),
    total: Type.Number(),
    perPerson: Type.Number(),
    povertyLine: Type.Number(),
    below: Type.Boolean(),
    lines: Type.Array(HouseholdIncomeView),
  }),
});
export type HouseholdView = Static<typeof HouseholdView>;
