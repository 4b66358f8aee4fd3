/**
 * The aggregate snapshots matching keeps, exactly as docs/event-catalogue.md defines them
 * (only the fields ranking and search read are typed; the rest is carried along).
 */
export type Tier = 'in_county' | 'in_province' | 'out_of_province';
export const TIERS: readonly Tier[] = ['in_county', 'in_province', 'out_of_province'];

export interface WorkerSkill {
  code: string;
  level: number;
  years?: number;
  certificateNo?: string;
}

export interface WorkerSnapshot {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthYear?: number;
  homeVillageCode: string;
  townshipCode: string;
  householdStatus: 'registered_poor' | 'monitored' | 'none';
  relocated: boolean;
  education?: string;
  skills: WorkerSkill[];
  tierPreferences: Tier[];
  expectedMinWage?: number;
  availableFrom?: string;
  employmentStatus: 'seeking' | 'employed' | 'in_training' | 'not_seeking';
  officerId?: string;
  unionMember?: boolean;
  version: number;
  updatedAt: string;
}

export interface EmployerSnapshot {
  id: string;
  name: string;
  creditCode?: string;
  industry?: string;
  regionCode?: string;
  tier?: Tier;
  status: 'pending' | 'verified' | 'suspended';
  version: number;
  updatedAt: string;
}

export interface RequiredSkill {
  code: string;
  minLevel: number;
  certificateRequired: boolean;
}

export interface OpeningSnapshot {
  id: string;
  employerId: string;
  employerName: string;
  employerVerified: boolean;
  title: string;
  occupationCode: string;
  category?: string;
  requiredSkills: RequiredSkill[];
  description?: string;
  worksiteRegionCode: string;
  tier: Tier;
  headcount: number;
  filledCount: number;
  wageMin: number;
  wageMax: number;
  benefits: { housing: boolean; meals: boolean; socialInsurance: boolean };
  hours?: string | number;
  contractType?: string;
  contractMonths?: number;
  startDate?: string;
  closingDate?: string;
  status: 'draft' | 'open' | 'paused' | 'filled' | 'closed';
  reservedForPoor: boolean;
  publishedAt?: string;
  version: number;
  updatedAt: string;
}

export interface CourseSnapshot {
  id: string;
  title: string;
  skills: { code: string; level: number }[];
  certificateName?: string;
  provider?: string;
  hours?: number;
  subsidyPerTrainee?: number;
  capacity?: number;
}

export interface BatchSnapshot {
  id: string;
  courseId: string;
  startDate: string;
  endDate?: string;
  /** Where the batch is held (batch.scheduled: `{ regionCode, address }`). */
  place?: string | { regionCode: string; address: string };
  capacity?: number;
  enrolled?: number;
  status?: string;
}
