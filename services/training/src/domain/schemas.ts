import { type Static, Type } from '@sinclair/typebox';
import { ListQuery, literals, StrictObject } from '@tongxin/service-platform';

const Str = (max: number, opts: object = {}) => Type.String({ minLength: 1, maxLength: max, ...opts });
const DateStr = Type.String({ format: 'date', maxLength: 10 });
const RegionCode = Type.String({ pattern: '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12})$' });
const Uuid = Type.String({ format: 'uuid' });

/** A skill a course teaches and the level a trainee reaches. */
export const TaughtSkill = StrictObject({
  code: Str(64, { pattern: '^[a-z][a-z0-9]*\\.[a-z0-9_]+$' }),
  level: Type.Integer({ minimum: 1, maximum: 5 }),
});
export type TaughtSkill = Static<typeof TaughtSkill>;

/** POST /api/v1/courses */
export const CourseInput = StrictObject({
  title: Str(100),
  description: Type.Optional(Str(2000)),
  skills: Type.Array(TaughtSkill, { minItems: 1, maxItems: 10 }),
  /** The certificate a trainee who completes gets, e.g. 特种作业操作证（熔化焊接与热切割作业）. */
  certificateName: Type.Optional(Str(100)),
  provider: Str(100),
  hours: Type.Integer({ minimum: 1, maximum: 2000 }),
  /** RMB per trainee paid by the programme. */
  subsidyPerTrainee: Type.Integer({ minimum: 0, maximum: 100_000 }),
  /** Default places of a batch. */
  capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
});
export type CourseInput = Static<typeof CourseInput>;

export const CourseView = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.Optional(Type.String()),
  skills: Type.Array(Type.Object({ code: Type.String(), level: Type.Integer(), name: Type.Optional(Type.String()) })),
  certificateName: Type.Optional(Type.String()),
  provider: Type.String(),
  hours: Type.Integer(),
  subsidyPerTrainee: Type.Integer(),
  capacity: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type CourseView = Static<typeof CourseView>;

export const CourseListQuery = ListQuery({
  /** A taxonomy code or any of its names and synonyms. */
  skill: Type.String({ minLength: 1, maxLength: 64 }),
  certificate: Type.Boolean(),
});
export type CourseListQuery = Static<typeof CourseListQuery>;

export const BatchStatus = Type.Union(
  ['scheduled', 'open', 'running', 'finished', 'cancelled'].map((s) => Type.Literal(s)),
);
export type BatchStatus = 'scheduled' | 'open' | 'running' | 'finished' | 'cancelled';

export const Place = StrictObject({ regionCode: RegionCode, address: Str(200) });
export type Place = Static<typeof Place>;

/** POST /api/v1/courses/{id}/batches */
export const BatchInput = StrictObject({
  startDate: DateStr,
  endDate: DateStr,
  place: Place,
  /** Defaults to the course's capacity. */
  capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  /** A batch may be announced (`scheduled`) or open for enrolment at once (`open`). */
  status: Type.Optional(literals(['scheduled', 'open'])),
});
export type BatchInput = Static<typeof BatchInput>;

/** PATCH /api/v1/batches/{id}: the status moves of batch-transitions.ts, or more places. */
export const BatchPatch = Type.Object(
  {
    status: Type.Optional(BatchStatus),
    capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type BatchPatch = { status?: BatchStatus; capacity?: number };

export const BatchView = Type.Object({
  id: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  place: Type.Object({ regionCode: Type.String(), address: Type.String(), regionName: Type.Optional(Type.String()) }),
  capacity: Type.Integer(),
  enrolled: Type.Integer(),
  placesLeft: Type.Integer(),
  status: BatchStatus,
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type BatchView = Static<typeof BatchView>;

export const BatchListQuery = ListQuery({
  courseId: Uuid,
  status: BatchStatus,
  /** Only batches that have not started and still take enrolments. */
  upcoming: Type.Boolean(),
  /** Batches held in this region (prefix of the place's code). */
  region: RegionCode,
});
export type BatchListQuery = Static<typeof BatchListQuery>;

export const EnrollmentStatus = Type.Union(
  ['enrolled', 'attending', 'completed', 'failed', 'dropped'].map((s) => Type.Literal(s)),
);
export type EnrollmentStatus = 'enrolled' | 'attending' | 'completed' | 'failed' | 'dropped';

/** POST /api/v1/batches/{id}/enrollments; a worker enrolling themself may leave workerId out. */
export const EnrollmentInput = StrictObject({ workerId: Type.Optional(Uuid), note: Type.Optional(Str(500)) });
export type EnrollmentInput = Static<typeof EnrollmentInput>;

export const Attendance = StrictObject({
  sessionsAttended: Type.Integer({ minimum: 0, maximum: 1000 }),
  sessionsTotal: Type.Integer({ minimum: 1, maximum: 1000 }),
});
export type Attendance = Static<typeof Attendance>;

/** PATCH /api/v1/enrollments/{id} */
export const EnrollmentPatch = Type.Object(
  {
    status: Type.Optional(EnrollmentStatus),
    attendance: Type.Optional(Attendance),
    /** Examination result as the provider states it, e.g. 合格 / 85分. */
    result: Type.Optional(Str(200)),
    score: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    certificateNo: Type.Optional(Str(64, { pattern: '^[0-9A-Za-z-]+$' })),
    note: Type.Optional(Str(500)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type EnrollmentPatch = Omit<Static<typeof EnrollmentPatch>, 'status'> & { status?: EnrollmentStatus };

export const EnrollmentView = Type.Object({
  id: Type.String(),
  batchId: Type.String(),
  courseId: Type.String(),
  courseTitle: Type.Optional(Type.String()),
  workerId: Type.String(),
  workerName: Type.Optional(Type.String()),
  homeVillageCode: Type.String(),
  status: EnrollmentStatus,
  attendance: Type.Optional(
    Type.Object({ sessionsAttended: Type.Integer(), sessionsTotal: Type.Integer(), percent: Type.Integer() }),
  ),
  result: Type.Optional(Type.String()),
  score: Type.Optional(Type.Integer()),
  certificateNo: Type.Optional(Type.String()),
  note: Type.Optional(Type.String()),
  enrolledBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  completedAt: Type.Optional(Type.String()),
  droppedAt: Type.Optional(Type.String()),
});
export type EnrollmentView = Static<typeof EnrollmentView>;

export const EnrollmentListQuery = ListQuery({
  workerId: Uuid,
  batchId: Uuid,
  status: EnrollmentStatus,
});
export type EnrollmentListQuery = Omit<Static<typeof EnrollmentListQuery>, 'status'> & { status?: EnrollmentStatus };

export const SkillGapQuery = StrictObject({
  /** One worker: which courses would open the most additional matches. */
  workerId: Type.Optional(Uuid),
  /** Narrow the workers counted to a township or village (within the caller's scope). */
  region: Type.Optional(Type.String({ pattern: '^([0-9]{9}|[0-9]{12})$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type SkillGapQuery = Static<typeof SkillGapQuery>;

const UpcomingBatch = Type.Object({
  id: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  place: Type.Object({ regionCode: Type.String(), address: Type.String() }),
  placesLeft: Type.Integer(),
  status: Type.String(),
});
const CourseOffer = Type.Object({
  id: Type.String(),
  title: Type.String(),
  level: Type.Integer(),
  certificateName: Type.Optional(Type.String()),
  hours: Type.Integer(),
  upcomingBatches: Type.Array(UpcomingBatch),
});

export const SkillGapView = Type.Object({
  /** Open openings considered and seeking workers counted. */
  openings: Type.Integer(),
  seekingWorkers: Type.Integer(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.Optional(Type.String()),
      openings: Type.Integer(),
      /** Places left on the open openings that require the skill. */
      places: Type.Integer(),
      certificateRequired: Type.Boolean(),
      /** Seeking workers who meet at least one opening's requirement for the skill. */
      workersQualified: Type.Integer(),
      /** Seeking workers who meet none. */
      workersShort: Type.Integer(),
      /** Places the qualified seeking workers could not fill even if all took one. */
      placesUncovered: Type.Integer(),
      courses: Type.Array(CourseOffer),
    }),
  ),
});
export type SkillGapView = Static<typeof SkillGapView>;

export const WorkerCourseAdvice = Type.Object({
  workerId: Type.String(),
  /** Open openings the worker already fits. */
  currentMatches: Type.Integer(),
  items: Type.Array(
    Type.Object({
      course: CourseOffer,
      /** Openings the worker does not fit today and would after completing the course. */
      additionalMatches: Type.Integer(),
      additionalPlaces: Type.Integer(),
      openings: Type.Array(
        Type.Object({ id: Type.String(), title: Type.String(), tier: Type.String(), placesLeft: Type.Integer() }),
      ),
    }),
  ),
});
export type WorkerCourseAdvice = Static<typeof WorkerCourseAdvice>;
