import type { BatchSnapshot, CourseSnapshot, OpeningSnapshot, WorkerSnapshot } from '@tongxin/events';
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

/** A worker's skill as training reads it from the worker.* events. */
export type WorkerSkill = Pick<WorkerSnapshot['skills'][number], 'code' | 'level' | 'certificateNo'>;

export type Tier = WorkerSnapshot['tierPreferences'][number];

/** What training keeps of a worker (from tongxin.worker). */
export type WorkerFacts = Pick<
  WorkerSnapshot,
  | 'id'
  | 'name'
  | 'homeVillageCode'
  | 'householdStatus'
  | 'relocated'
  | 'employmentStatus'
  | 'tierPreferences'
  | 'expectedMinWage'
  | 'version'
  | 'updatedAt'
> & { skills: WorkerSkill[] };

export type RequiredSkill = OpeningSnapshot['requiredSkills'][number];

/** What training keeps of an opening (from tongxin.opening). */
export type OpeningFacts = Pick<
  OpeningSnapshot,
  'id' | 'title' | 'status' | 'tier' | 'headcount' | 'filledCount' | 'requiredSkills'
>;

/** The snapshot as published in course.created. */
export const courseSnapshot = (c: CourseRecord): CourseSnapshot => ({
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
export const batchSnapshot = (b: BatchRecord): BatchSnapshot => ({
  id: b.id,
  courseId: b.courseId,
  startDate: b.startDate,
  endDate: b.endDate,
  place: b.place,
  capacity: b.capacity,
  enrolled: b.enrolled,
  status: b.status,
});
