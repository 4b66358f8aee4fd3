import type { BatchStatus, EnrollmentStatus, Place, TaughtSkill } from './schemas.ts';

/** Shapes as stored; the repositories map rows to these. */
export interface CourseRecord {
  id: string;
  seq: number;
  title: string;
  description?: string;
  skills: TaughtSkill[];
  certificateName?: string;
  provider: string;
  hours: number;
  subsidyPerTrainee: number;
  capacity: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface BatchRecord {
  id: string;
  seq: number;
  courseId: string;
  courseTitle: string;
  startDate: string;
  endDate: string;
  place: Place;
  capacity: number;
  enrolled: number;
  status: BatchStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface EnrollmentRecord {
  id: string;
  seq: number;
  batchId: string;
  courseId: string;
  courseTitle?: string;
  workerId: string;
  workerName?: string;
  homeVillageCode: string;
  status: EnrollmentStatus;
  sessionsAttended?: number;
  sessionsTotal?: number;
  result?: string;
  score?: number;
  certificateNo?: string;
  note?: string;
  enrolledBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  droppedAt?: string;
}

export interface WorkerSkill {
  code: string;
  level: number;
  certificateNo?: string;
}

export type Tier = 'in_county' | 'in_province' | 'out_of_province';

/** What training keeps of a worker (from tongxin.worker). */
export interface WorkerFacts {
  id: string;
  name: string;
  homeVillageCode: string;
  householdStatus: string;
  relocated: boolean;
  employmentStatus: string;
  skills: WorkerSkill[];
  tierPreferences: Tier[];
  expectedMinWage?: number;
  version: number;
  updatedAt: string;
}

export interface RequiredSkill {
  code: string;
  minLevel: number;
  certificateRequired: boolean;
}

/** What training keeps of an opening (from tongxin.opening). */
export interface OpeningFacts {
  id: string;
  title: string;
  status: string;
  tier: Tier;
  headcount: number;
  filledCount: number;
  requiredSkills: RequiredSkill[];
}

/** The snapshot as published in course.created. */
export const courseSnapshot = (c: CourseRecord) => ({
  id: c.id,
  title: c.title,
  skills: c.skills,
  ...(c.certificateName ? { certificateName: c.certificateName } : {}),
  provider: c.provider,
  hours: c.hours,
  subsidyPerTrainee: c.subsidyPerTrainee,
  capacity: c.capacity,
});

/** The snapshot as published in batch.scheduled / batch.updated. */
export const batchSnapshot = (b: BatchRecord) => ({
  id: b.id,
  courseId: b.courseId,
  startDate: b.startDate,
  endDate: b.endDate,
  place: b.place,
  capacity: b.capacity,
  enrolled: b.enrolled,
  status: b.status,
});
