import type { Skill } from './schemas.ts';

/** A worker as stored: identifiers encrypted, everything else plain. */
export interface WorkerRecord {
  id: string;
  seq: number;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
  phoneEnc: string;
  phoneMasked: string;
  homeVillageCode: string;
  currentRegionCode?: string;
  householdNo?: string;
  /** People in the household (户籍人口), for income per person; defaults to the registered workers of the household. */
  householdSize?: number;
  householdStatus: 'registered_poor' | 'monitored' | 'none';
  relocated: boolean;
  relocation?: { originVillageCode?: string; resettlementSite?: string };
  education?: string;
  skills: Skill[];
  tierPreferences: ('in_county' | 'in_province' | 'out_of_province')[];
  expectedMinWage?: number;
  availableFrom?: string;
  employmentStatus: 'seeking' | 'employed' | 'in_training' | 'not_seeking';
  officerId?: string;
  unionMember?: { member: boolean; joinedAt?: string };
  consent: { version: string; at: string };
  /** Date of the latest service or contact in the service ledger. */
  lastContactAt?: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What other services learn of a worker through events: no ID number, no phone. */
export function snapshotOf(w: WorkerRecord) {
  return {
    id: w.id,
    name: w.name,
    gender: w.gender,
    birthYear: Number(w.birthDate.slice(0, 4)),
    homeVillageCode: w.homeVillageCode,
    townshipCode: w.homeVillageCode.slice(0, 9),
    ...(w.householdNo ? { householdNo: w.householdNo } : {}),
    householdStatus: w.householdStatus,
    relocated: w.relocated,
    ...(w.education ? { education: w.education } : {}),
    skills: w.skills,
    tierPreferences: w.tierPreferences,
    ...(w.expectedMinWage !== undefined ? { expectedMinWage: w.expectedMinWage } : {}),
    ...(w.availableFrom ? { availableFrom: w.availableFrom } : {}),
    employmentStatus: w.employmentStatus,
    ...(w.officerId ? { officerId: w.officerId } : {}),
    unionMember: w.unionMember?.member ?? false,
    version: w.version,
    updatedAt: w.updatedAt,
  };
}
export type WorkerSnapshot = ReturnType<typeof snapshotOf>;
