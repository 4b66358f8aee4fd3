import type { OpeningFacts, RequiredSkill, WorkerFacts, WorkerSkill } from './records.ts';
import type { TaughtSkill } from './schemas.ts';

/** Whether a worker's skills meet one requirement: the code at the level asked, certified if it must be. */
export function meets(skills: readonly WorkerSkill[], req: RequiredSkill): boolean {
  return skills.some(
    (s) => s.code === req.code && s.level >= req.minLevel && (!req.certificateRequired || Boolean(s.certificateNo)),
  );
}

/** An open opening with places left. */
export const isOpen = (o: OpeningFacts): boolean => o.status === 'open' && o.headcount > o.filledCount;

export const placesLeft = (o: OpeningFacts): number => Math.max(0, o.headcount - o.filledCount);

/**
 * A full fit under the ranking's hard constraints: a tier the worker accepts and every
 * required skill at the level asked, with the certificate where one is required.
 */
export function fits(
  worker: Pick<WorkerFacts, 'tierPreferences'>,
  skills: readonly WorkerSkill[],
  o: OpeningFacts,
): boolean {
  return worker.tierPreferences.includes(o.tier) && o.requiredSkills.every((r) => meets(skills, r));
}

/**
 * The worker's skills after completing a course: taught skills added or raised (never lowered),
 * certified when the course issues a certificate — what worker-profile does on training.completed.
 */
export function afterCourse(
  skills: readonly WorkerSkill[],
  taught: readonly TaughtSkill[],
  certified: boolean,
): WorkerSkill[] {
  const out = skills.map((s) => ({ ...s }));
  for (const t of taught) {
    const had = out.find((s) => s.code === t.code);
    if (had) {
      had.level = Math.max(had.level, t.level);
      if (certified && !had.certificateNo) had.certificateNo = 'course-certificate';
    } else {
      out.push({ code: t.code, level: t.level, ...(certified ? { certificateNo: 'course-certificate' } : {}) });
    }
  }
  return out;
}
