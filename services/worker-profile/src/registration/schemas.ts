import { type Static, Type } from '@sinclair/typebox';
import { ListQuery, literals, StrictObject } from '@tongxin/service-platform';
import { Education, Gender, HouseholdStatus, Skill, Tier, WorkerInput } from '../registry/schemas.ts';

const Str = (max: number, opts: object = {}) => Type.String({ minLength: 1, maxLength: max, ...opts });
const DateStr = Type.String({ format: 'date', maxLength: 10 });

export const RequestStatus = literals(['waiting', 'confirmed', 'declined']);
export type RequestStatus = Static<typeof RequestStatus>;

/** The registry fields a person can give about themselves; gender and birth date default to the ID number's. */
const SelfFields = {
  name: Str(50),
  idNumber: Type.String({ minLength: 18, maxLength: 18 }),
  phone: Type.String({ minLength: 11, maxLength: 11 }),
  homeVillageCode: Type.String({ pattern: '^[0-9]{12}$' }),
  gender: Type.Optional(Gender),
  birthDate: Type.Optional(DateStr),
  currentRegionCode: Type.Optional(Type.String({ pattern: '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$' })),
  householdNo: Type.Optional(Str(40)),
  education: Type.Optional(Education),
  skills: Type.Optional(Type.Array(Skill, { maxItems: 30 })),
  tierPreferences: Type.Optional(Type.Array(Tier, { minItems: 1, maxItems: 3, uniqueItems: true })),
  expectedMinWage: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
  availableFrom: Type.Optional(DateStr),
};

/** POST /api/v1/registration-requests: the consent to the registry's use of the data is required. */
export const RegistrationRequestInput = StrictObject({
  ...SelfFields,
  /** The version of the consent text agreed to; `at` is the server's time of the submission when absent. */
  consent: StrictObject({
    version: Str(20),
    at: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  }),
});
export type RegistrationRequestInput = Static<typeof RegistrationRequestInput>;

/** The answer to every submission, whoever the ID number belongs to: it reveals nothing about the registry. */
export const SubmissionReceipt = Type.Object({ requestId: Type.String() });

/**
 * POST .../confirm: the officer's corrections (any field the person gave, plus what only the
 * officer knows: household status, relocation); what it leaves out is taken from the request.
 */
export const Corrections = Type.Partial(
  Type.Object({
    ...SelfFields,
    householdStatus: HouseholdStatus,
    householdSize: Type.Integer({ minimum: 1, maximum: 30 }),
    relocated: Type.Boolean(),
    relocation: WorkerInput.properties.relocation,
  }),
  { additionalProperties: false },
);
export type Corrections = Static<typeof Corrections>;

export const ConfirmInput = StrictObject({ corrections: Type.Optional(Corrections) });
export type ConfirmInput = Static<typeof ConfirmInput>;

export const DeclineInput = StrictObject({ reason: Str(200) });
export type DeclineInput = Static<typeof DeclineInput>;

export const RegistrationRequestQuery = ListQuery({
  status: RequestStatus,
  village: Type.String({ pattern: '^[0-9]{12}$' }),
  township: Type.String({ pattern: '^[0-9]{9}$' }),
});
export type RegistrationRequestQuery = Static<typeof RegistrationRequestQuery>;

/** A request as officers see it: ID number and phone masked in lists, in clear (and audited) when read one by one. */
export const RegistrationRequestView = Type.Object({
  id: Type.String(),
  status: RequestStatus,
  name: Type.String(),
  idNumber: Type.String(),
  phone: Type.String(),
  homeVillageCode: Type.String(),
  homeVillageName: Type.Optional(Type.String()),
  gender: Gender,
  birthDate: Type.String(),
  currentRegionCode: Type.Optional(Type.String()),
  householdNo: Type.Optional(Type.String()),
  education: Type.Optional(Type.String()),
  skills: Type.Array(Skill),
  tierPreferences: Type.Optional(Type.Array(Tier)),
  expectedMinWage: Type.Optional(Type.Integer()),
  availableFrom: Type.Optional(Type.String()),
  consent: Type.Object({ version: Type.String(), at: Type.String() }),
  /** The ID number is already in the registry: confirm answers 409; decline, or edit that worker instead. */
  alreadyRegistered: Type.Boolean(),
  /** The registered worker, when the caller may read it (the registry's own rule). */
  existingWorkerId: Type.Optional(Type.String()),
  submittedAt: Type.String(),
  dueDate: Type.String(),
  decidedAt: Type.Optional(Type.String()),
  decidedBy: Type.Optional(Type.String()),
  declineReason: Type.Optional(Type.String()),
  workerId: Type.Optional(Type.String()),
});
export type RegistrationRequestView = Static<typeof RegistrationRequestView>;
