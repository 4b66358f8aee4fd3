import type { RegistrationRequestInput, RequestStatus } from './schemas.ts';

/** What a request keeps besides its identifiers: the registry fields given, with the consent. */
export type RequestFields = Omit<
  RegistrationRequestInput,
  'name' | 'idNumber' | 'phone' | 'homeVillageCode' | 'consent'
> & {
  gender: 'male' | 'female';
  birthDate: string;
  consent: { version: string; at: string };
};

/** A self-registration request as stored: the ID number and phone only encrypted, hashed and masked. */
export interface RequestRecord {
  id: string;
  seq: number;
  status: RequestStatus;
  homeVillageCode: string;
  name: string;
  fields: RequestFields;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  phoneEnc: string;
  phoneMasked: string;
  submissionHash: string;
  submittedAt: string;
  dueDate: string;
  decidedAt?: string;
  decidedBy?: string;
  declineReason?: string;
  workerId?: string;
}

/** Days an officer has to decide a request, counted in county days from its submission. */
export const DECISION_DAYS = 3;

/** The name as events and notifications may carry it: the first character, the rest masked (张**). */
export const maskName = (name: string): string => {
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
};

/** 'YYYY-MM-DD' plus `days` calendar days. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
