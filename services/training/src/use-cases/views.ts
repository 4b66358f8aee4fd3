import { regionName } from '@tongxin/regions';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { BatchRecord, CourseRecord, EnrollmentRecord } from '../domain/records.ts';
import type { BatchView, CourseView, EnrollmentView } from '../domain/schemas.ts';

/** Records as answered over HTTP. */
export function courseView(c: CourseRecord, taxonomy: Taxonomy): CourseView {
  const { seq: _s, createdBy: _c, skills, ...rest } = c;
  return {
    ...rest,
    skills: skills.map((s) => {
      const name = taxonomy.get(s.code)?.nameZh;
      return { ...s, ...(name ? { name } : {}) };
    }),
  };
}

export function batchView(b: BatchRecord): BatchView {
  const { seq: _s, createdBy: _c, place, ...rest } = b;
  const name = regionName(place.regionCode);
  return {
    ...rest,
    place: { ...place, ...(name ? { regionName: name } : {}) },
    placesLeft: Math.max(0, b.capacity - b.enrolled),
  };
}

export function enrollmentView(e: EnrollmentRecord): EnrollmentView {
  const { seq: _s, sessionsAttended, sessionsTotal, ...rest } = e;
  return {
    ...rest,
    ...(sessionsAttended !== undefined && sessionsTotal !== undefined
      ? {
          attendance: {
            sessionsAttended,
            sessionsTotal,
            percent: Math.round((100 * sessionsAttended) / sessionsTotal),
          },
        }
      : {}),
  };
}
