import type { Benefits, EmployerStatus, IntentStatus, OpeningStatus, RequiredSkill, Tier } from './schemas.ts';

/** An employer as stored. */
export interface EmployerRecord {
  id: string;
  seq: number;
  name: string;
  creditCode: string;
  industry: string;
  regionCode: string;
  address?: string;
  contact?: { name: string; phone: string };
  status: EmployerStatus;
  ownerAccountId?: string;
  registeredBy: string;
  suspensionReason?: string;
  verifiedAt?: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** An opening as stored, with its employer's name and status joined in. */
export interface OpeningRecord {
  id: string;
  seq: number;
  employerId: string;
  employerName: string;
  employerStatus: EmployerStatus;
  employerOwnerAccountId?: string;
  title: string;
  occupationCode: string;
  requiredSkills: RequiredSkill[];
  description?: string;
  worksiteRegionCode: string;
  tier: Tier;
  headcount: number;
  filledCount: number;
  wageMin: number;
  wageMax: number;
  benefits: Benefits;
  hours?: string;
  contractType?: string;
  contractMonths?: number;
  startDate?: string;
  closingDate?: string;
  status: OpeningStatus;
  reservedForPoor: boolean;
  pausedBySuspension: boolean;
  publishedAt?: string;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A recruitment intent (招聘意向) as stored. */
export interface IntentRecord {
  id: string;
  seq: number;
  employerId: string;
  employerName: string;
  employerOwnerAccountId?: string;
  committed: number;
  hired: number;
  deadline: string;
  openingIds: string[];
  note?: string;
  status: IntentStatus;
  version: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
