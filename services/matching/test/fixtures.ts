import { randomUUID } from 'node:crypto';
import { makeCreditCode } from '@tongxin/cn-codes';
import { type EventDataMap, type EventType, type TongxinEvent, createEvent } from '@tongxin/events';
import type { CourseSnapshot, EmployerSnapshot, OpeningSnapshot, WorkerSnapshot } from '../src/domain/snapshots.ts';

const now = () => new Date().toISOString();
let seq = 1;

/** A worker snapshot of 义兴镇恋思村 unless overridden. */
export function worker(overrides: Partial<WorkerSnapshot> = {}): WorkerSnapshot {
  const homeVillageCode = overrides.homeVillageCode ?? '140723100236';
  return {
    id: randomUUID(),
    name: `工人${seq++}`,
    gender: 'male',
    birthYear: 1988,
    homeVillageCode,
    townshipCode: homeVillageCode.slice(0, 9),
    householdStatus: 'none',
    relocated: false,
    skills: [],
    tierPreferences: ['in_county', 'in_province', 'out_of_province'],
    expectedMinWage: 4000,
    employmentStatus: 'seeking',
    unionMember: false,
    version: 1,
    updatedAt: now(),
    ...overrides,
  };
}

export function employer(overrides: Partial<EmployerSnapshot> = {}): EmployerSnapshot {
  return {
    id: randomUUID(),
    name: `测试建设有限公司${seq++}`,
    creditCode: makeCreditCode(`91140723MA${String(100_000 + seq++).padStart(7, '0')}`),
    industry: 'construction',
    regionCode: '140723',
    tier: 'in_county',
    status: 'verified',
    version: 1,
    updatedAt: now(),
    ...overrides,
  };
}

const TIER_SITE = { in_county: '140723', in_province: '140105', out_of_province: '320505' } as const;

export function opening(e: EmployerSnapshot, overrides: Partial<OpeningSnapshot> = {}): OpeningSnapshot {
  const tier = overrides.tier ?? 'in_county';
  return {
    id: randomUUID(),
    employerId: e.id,
    employerName: e.name,
    employerVerified: e.status === 'verified',
    title: '电焊工',
    occupationCode: 'con.welder',
    category: 'construction',
    requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
    worksiteRegionCode: TIER_SITE[tier],
    tier,
    headcount: 10,
    filledCount: 0,
    wageMin: 5000,
    wageMax: 7000,
    benefits: { housing: true, meals: true, socialInsurance: true },
    status: 'open',
    reservedForPoor: false,
    publishedAt: now(),
    version: 1,
    updatedAt: now(),
    ...overrides,
  };
}

export function course(overrides: Partial<CourseSnapshot> = {}): CourseSnapshot {
  return {
    id: randomUUID(),
    title: '低压电工作业培训',
    skills: [{ code: 'con.electrician', level: 2 }],
    certificateName: '特种作业操作证（低压电工作业）',
    provider: '和顺县职业技术培训中心',
    hours: 80,
    subsidyPerTrainee: 1200,
    capacity: 40,
    ...overrides,
  };
}

const SOURCES: Record<string, string> = {
  worker: '/tongxin/worker-profile',
  employer: '/tongxin/employer',
  opening: '/tongxin/employer',
  course: '/tongxin/training',
  batch: '/tongxin/training',
  application: '/tongxin/placement',
};

/** A CloudEvent of `type` about `subject`, from the service that owns the type. */
export function event<K extends EventType>(type: K, subject: string, data: EventDataMap[K]): TongxinEvent<K> {
  return createEvent<K>({ type, source: SOURCES[type.split('.')[0]!]!, subject, data });
}

export const workerEvent = (w: WorkerSnapshot, type: 'worker.registered' | 'worker.updated' = 'worker.registered') =>
  type === 'worker.updated'
    ? event(type, w.id, { worker: w, changed: ['skills'] })
    : event('worker.registered', w.id, { worker: w });
export const employerEvent = (
  e: EmployerSnapshot,
  type: 'employer.registered' | 'employer.verified' | 'employer.updated' | 'employer.suspended' = 'employer.verified',
) =>
  type === 'employer.registered'
    ? event(type, e.id, { employer: e, registeredBy: randomUUID() })
    : event(type, e.id, { employer: e });
export const openingEvent = (
  o: OpeningSnapshot,
  type:
    | 'opening.published'
    | 'opening.updated'
    | 'opening.paused'
    | 'opening.filled'
    | 'opening.closed' = 'opening.published',
) => event(type, o.id, { opening: o });
export const courseEvent = (c: CourseSnapshot) => event('course.created', c.id, { course: c });
export const batchEvent = (courseId: string, startDate: string) => {
  const id = randomUUID();
  return event('batch.scheduled', id, {
    batch: {
      id,
      courseId,
      startDate,
      endDate: startDate,
      place: { regionCode: '140723', address: '和顺县职教中心' },
      capacity: 40,
      enrolled: 0,
      status: 'scheduled',
    },
  });
};
