import { type Static, Type } from '@sinclair/typebox';
import { ListQuery, literals, StrictObject } from '@tongxin/service-platform';

const Str = (max: number, opts: object = {}) => Type.String({ minLength: 1, maxLength: max, ...opts });
const DateStr = Type.String({ format: 'date', maxLength: 10 });

export const Gender = literals(['male', 'female']);
export const HouseholdStatus = literals(['registered_poor', 'monitored', 'none']);
export const Tier = literals(['in_county', 'in_province', 'out_of_province']);
export const EmploymentStatus = literals(['seeking', 'employed', 'in_training', 'not_seeking']);
export const Education = Type.Union(
  ['none', 'primary', 'junior_secondary', 'senior_secondary', 'vocational', 'college', 'bachelor', 'postgraduate'].map(
    (e) => Type.Literal(e),
  ),
);

export const Skill = StrictObject({
  code: Str(64, { pattern: '^[a-z]+\\.[a-z_]+$' }),
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  years: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  certificateNo: Type.Optional(Str(64)),
});
export type Skill = Static<typeof Skill>;

export const Relocation = StrictObject({
  originVillageCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  resettlementSite: Type.Optional(Str(100)),
});

const WorkerFields = {
  name: Str(50),
  gender: Gender,
  birthDate: DateStr,
  idNumber: Type.String({ minLength: 18, maxLength: 18 }),
  phone: Type.String({ minLength: 11, maxLength: 11 }),
  homeVillageCode: Type.String({ pattern: '^[0-9]{12}$' }),
  currentRegionCode: Type.Optional(Type.String({ pattern: '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$' })),
  householdNo: Type.Optional(Str(40)),
  householdSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  householdStatus: HouseholdStatus,
  relocated: Type.Boolean(),
  relocation: Type.Optional(Relocation),
  education: Type.Optional(Education),
  skills: Type.Array(Skill, { maxItems: 30 }),
  tierPreferences: Type.Array(Tier, { minItems: 1, maxItems: 3, uniqueItems: true }),
  expectedMinWage: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  availableFrom: Type.Optional(DateStr),
  employmentStatus: EmploymentStatus,
  officerId: Type.Optional(Str(64)),
  unionMember: Type.Optional(StrictObject({ member: Type.Boolean(), joinedAt: Type.Optional(DateStr) })),
  consent: StrictObject({ version: Str(20), at: Type.String({ format: 'date-time', maxLength: 40 }) }),
};

/** POST /api/v1/workers */
export const WorkerInput = StrictObject({
  ...WorkerFields,
  skills: Type.Optional(WorkerFields.skills),
  tierPreferences: Type.Optional(WorkerFields.tierPreferences),
  relocated: Type.Optional(WorkerFields.relocated),
  employmentStatus: Type.Optional(WorkerFields.employmentStatus),
  householdStatus: Type.Optional(WorkerFields.householdStatus),
});
export type WorkerInput = Static<typeof WorkerInput>;

/** PATCH /api/v1/workers/{id}: any field but the ID number, which identifies the person. */
export const WorkerPatch = Type.Partial(Type.Omit(Type.Object(WorkerFields), ['idNumber']), {
  additionalProperties: false,
  minProperties: 1,
});
export type WorkerPatch = Static<typeof WorkerPatch>;

/** A worker as answered: ID number always masked; phone masked except to the worker and their officers. */
export const WorkerView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: Gender,
  birthDate: Type.String(),
  idNumber: Type.String(),
  phone: Type.String(),
  homeVillageCode: Type.String(),
  homeVillageName: Type.Optional(Type.String()),
  townshipCode: Type.String(),
  currentRegionCode: Type.Optional(Type.String()),
  householdNo: Type.Optional(Type.String()),
  householdSize: Type.Optional(Type.Integer()),
  householdStatus: HouseholdStatus,
  relocated: Type.Boolean(),
  relocation: Type.Optional(Relocation),
  education: Type.Optional(Type.String()),
  skills: Type.Array(Skill),
  tierPreferences: Type.Array(Tier),
  expectedMinWage: Type.Optional(Type.Integer()),
  availableFrom: Type.Optional(Type.String()),
  employmentStatus: EmploymentStatus,
  officerId: Type.Optional(Type.String()),
  unionMember: Type.Optional(Type.Object({ member: Type.Boolean(), joinedAt: Type.Optional(Type.String()) })),
  consent: Type.Object({ version: Type.String(), at: Type.String() }),
  /** Date of the latest service or contact recorded in the service ledger. */
  lastContactAt: Type.Optional(Type.String()),
  /** Changes the worker proposed that await their officer (ADR 0020); the value masked. */
  pendingChanges: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        field: Type.Literal('phone'),
        value: Type.String(),
        proposedAt: Type.String(),
        awaiting: Type.Literal('officer'),
      }),
    ),
  ),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type WorkerView = Static<typeof WorkerView>;

export const WorkerListQuery = ListQuery({
  village: Type.String({ pattern: '^[0-9]{12}$' }),
  township: Type.String({ pattern: '^[0-9]{9}$' }),
  householdStatus: HouseholdStatus,
  relocated: Type.Boolean(),
  employmentStatus: EmploymentStatus,
  skill: Type.String({ maxLength: 64 }),
  /** Part of a name, or a whole ID number (found by its keyed hash: it is never stored in clear). */
  q: Type.String({ minLength: 1, maxLength: 50 }),
});
export type WorkerListQuery = Static<typeof WorkerListQuery>;
