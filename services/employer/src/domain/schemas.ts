import { type Static, Type } from '@sinclair/typebox';
import { ListQuery, literals, StrictObject } from '@tongxin/service-platform';

const Str = (max: number, opts: object = {}) => Type.String({ minLength: 1, maxLength: max, ...opts });
const DateStr = Type.String({ format: 'date', maxLength: 10 });
const RegionCode = Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$' });
const SkillCode = Str(64, { pattern: '^[a-z][a-z0-9]*\\.[a-z0-9_]+$' });
const Uuid = Type.String({ format: 'uuid' });

export const Tier = literals(['in_county', 'in_province', 'out_of_province']);
export type Tier = Static<typeof Tier>;
export const EmployerStatus = literals(['pending', 'verified', 'suspended']);
export type EmployerStatus = Static<typeof EmployerStatus>;
export const OpeningStatus = literals(['draft', 'open', 'paused', 'filled', 'closed']);
export type OpeningStatus = Static<typeof OpeningStatus>;
export const ContractType = literals(['fixed_term', 'open_ended', 'seasonal', 'part_time', 'dispatch']);

export const Contact = StrictObject({
  name: Str(50),
  // A landline with area code is as good as a mobile for a company contact.
  phone: Type.String({ pattern: '^[0-9][0-9-]{6,19}$' }),
});

const EmployerFields = {
  name: Str(100),
  creditCode: Type.String({ minLength: 18, maxLength: 18 }),
  industry: Str(40, { pattern: '^[a-z_]+$' }),
  regionCode: RegionCode,
  address: Type.Optional(Str(200)),
  contact: Type.Optional(Contact),
};

/** POST /api/v1/employers */
export const EmployerInput = Type.Object(EmployerFields, { additionalProperties: false });
export type EmployerInput = Static<typeof EmployerInput>;

/** PATCH /api/v1/employers/{id}: status moves only through verify and suspend. */
export const EmployerPatch = Type.Partial(Type.Object(EmployerFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type EmployerPatch = Static<typeof EmployerPatch>;

export const SuspendInput = StrictObject({ reason: Str(500) });
export type SuspendInput = Static<typeof SuspendInput>;

export const EmployerView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  creditCode: Type.String(),
  industry: Type.String(),
  regionCode: Type.String(),
  regionName: Type.Optional(Type.String()),
  tier: Tier,
  address: Type.Optional(Type.String()),
  contact: Type.Optional(Type.Object({ name: Type.String(), phone: Type.String() })),
  status: EmployerStatus,
  suspensionReason: Type.Optional(Type.String()),
  ownerAccountId: Type.Optional(Type.String()),
  registeredBy: Type.String(),
  verifiedAt: Type.Optional(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type EmployerView = Static<typeof EmployerView>;

export const EmployerListQuery = ListQuery({
  status: EmployerStatus,
  region: Type.String({ pattern: '^[0-9]{2,12}$' }),
  tier: Tier,
  industry: Type.String({ maxLength: 40 }),
});
export type EmployerListQuery = Static<typeof EmployerListQuery>;

export const RequiredSkill = StrictObject({
  code: SkillCode,
  minLevel: Type.Integer({ minimum: 1, maximum: 5 }),
  certificateRequired: Type.Boolean(),
});
export type RequiredSkill = Static<typeof RequiredSkill>;

export const Benefits = StrictObject({
  housing: Type.Boolean(),
  meals: Type.Boolean(),
  socialInsurance: Type.Boolean(),
});
export type Benefits = Static<typeof Benefits>;

const Wage = Type.Integer({ minimum: 1, maximum: 100_000 });

// No tier (derived from the worksite), no filledCount (counted from hires): both are unknown fields here.
const OpeningFields = {
  title: Str(100),
  occupationCode: SkillCode,
  requiredSkills: Type.Array(RequiredSkill, { maxItems: 20 }),
  description: Str(5000),
  worksiteRegionCode: RegionCode,
  headcount: Type.Integer({ minimum: 1, maximum: 10_000 }),
  wageMin: Wage,
  wageMax: Wage,
  benefits: Benefits,
  hours: Str(100),
  contractType: ContractType,
  contractMonths: Type.Integer({ minimum: 1, maximum: 120 }),
  startDate: DateStr,
  closingDate: DateStr,
  reservedForPoor: Type.Boolean(),
};

/** POST /api/v1/openings: a new opening is a draft unless asked to open at once. */
export const OpeningInput = StrictObject({
  employerId: Uuid,
  title: OpeningFields.title,
  occupationCode: OpeningFields.occupationCode,
  requiredSkills: Type.Optional(OpeningFields.requiredSkills),
  description: Type.Optional(OpeningFields.description),
  worksiteRegionCode: OpeningFields.worksiteRegionCode,
  headcount: OpeningFields.headcount,
  wageMin: OpeningFields.wageMin,
  wageMax: OpeningFields.wageMax,
  benefits: Type.Optional(OpeningFields.benefits),
  hours: Type.Optional(OpeningFields.hours),
  contractType: Type.Optional(OpeningFields.contractType),
  contractMonths: Type.Optional(OpeningFields.contractMonths),
  startDate: Type.Optional(OpeningFields.startDate),
  closingDate: Type.Optional(OpeningFields.closingDate),
  reservedForPoor: Type.Optional(OpeningFields.reservedForPoor),
  status: Type.Optional(literals(['draft', 'open'])),
});
export type OpeningInput = Static<typeof OpeningInput>;

/** PATCH /api/v1/openings/{id}: fields, and `status` for the moves people make (filled is counted, not set). */
export const OpeningPatch = Type.Partial(
  Type.Object({
    ...OpeningFields,
    status: OpeningStatus,
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type OpeningPatch = Static<typeof OpeningPatch>;

export const OpeningView = Type.Object({
  id: Type.String(),
  employerId: Type.String(),
  employerName: Type.String(),
  employerVerified: Type.Boolean(),
  title: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.Optional(Type.String()),
  category: Type.String(),
  requiredSkills: Type.Array(RequiredSkill),
  description: Type.Optional(Type.String()),
  worksiteRegionCode: Type.String(),
  worksiteRegionName: Type.Optional(Type.String()),
  tier: Tier,
  headcount: Type.Integer(),
  filledCount: Type.Integer(),
  wageMin: Type.Integer(),
  wageMax: Type.Integer(),
  benefits: Benefits,
  hours: Type.Optional(Type.String()),
  contractType: Type.Optional(Type.String()),
  contractMonths: Type.Optional(Type.Integer()),
  startDate: Type.Optional(Type.String()),
  closingDate: Type.Optional(Type.String()),
  status: OpeningStatus,
  reservedForPoor: Type.Boolean(),
  publishedAt: Type.Optional(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type OpeningView = Static<typeof OpeningView>;

export const OpeningListQuery = ListQuery({
  employerId: Uuid,
  tier: Tier,
  /** A taxonomy code, or a Chinese name or synonym that resolves to one. */
  occupation: Type.String({ minLength: 1, maxLength: 64 }),
  status: OpeningStatus,
  /** Region code prefix of the worksite: a province, city, county, township or village. */
  region: Type.String({ pattern: '^[0-9]{2,12}$' }),
  reservedForPoor: Type.Boolean(),
});
export type OpeningListQuery = Static<typeof OpeningListQuery>;

export const IntentInput = StrictObject({
  employerId: Uuid,
  committed: Type.Integer({ minimum: 1, maximum: 100_000 }),
  deadline: DateStr,
  openingIds: Type.Optional(Type.Array(Uuid, { maxItems: 100, uniqueItems: true })),
  note: Type.Optional(Str(1000)),
});
export type IntentInput = Static<typeof IntentInput>;

export const IntentPatch = Type.Partial(Type.Omit(IntentInput, ['employerId']), {
  additionalProperties: false,
  minProperties: 1,
});
export type IntentPatch = Static<typeof IntentPatch>;

export const IntentStatus = literals(['active', 'fulfilled', 'lapsed']);
export type IntentStatus = Static<typeof IntentStatus>;

export const IntentView = Type.Object({
  id: Type.String(),
  employerId: Type.String(),
  employerName: Type.String(),
  committed: Type.Integer(),
  hired: Type.Integer(),
  deadline: Type.String(),
  openingIds: Type.Array(Type.String()),
  note: Type.Optional(Type.String()),
  status: IntentStatus,
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type IntentView = Static<typeof IntentView>;

export const IntentListQuery = ListQuery({
  employerId: Uuid,
  status: IntentStatus,
});
export type IntentListQuery = Static<typeof IntentListQuery>;
