import { type Principal, inRegionScope } from '@tongxin/auth';
import { forbidden, invalidField, ServiceContext } from '@tongxin/service-platform';
import type { Taxonomy } from '@tongxin/taxonomy';
import type { Queryable } from '@tongxin/db';
import { inject, injectable } from 'tsyringe';
import type { BatchRecord, CourseRecord, OpeningFacts } from '../domain/records.ts';
import type { SkillGapQuery, SkillGapView, WorkerCourseAdvice } from '../domain/schemas.ts';
import { afterCourse, fits, isOpen, meets, placesLeft } from '../domain/skill-fit.ts';
import { workerUnknown } from '../errors.ts';
import { BatchRepository } from '../repositories/batch-repository.ts';
import { CourseRepository } from '../repositories/course-repository.ts';
import { OpeningReadModel } from '../repositories/opening-read-model.ts';
import { WorkerReadModel } from '../repositories/worker-read-model.ts';
import { TOKENS } from '../tokens.ts';

type CourseOffer = SkillGapView['items'][number]['courses'][number];

/**
 * The skill-gap view, computed from the read models of openings and workers: which skills
 * open openings ask for that seeking workers lack, and which courses and batches teach them.
 * A county has hundreds of openings and tens of thousands of workers: computed in memory per request.
 */
@injectable()
export class SkillGapService {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext,
    @inject(TOKENS.Taxonomy) private readonly taxonomy: Taxonomy,
    @inject(CourseRepository) private readonly courses: CourseRepository,
    @inject(BatchRepository) private readonly batches: BatchRepository,
    @inject(OpeningReadModel) private readonly openings: OpeningReadModel,
    @inject(WorkerReadModel) private readonly workers: WorkerReadModel,
  ) {}

  async gaps(p: Principal, q: SkillGapQuery): Promise<SkillGapView> {
    if (p.role !== 'officer' && p.role !== 'admin')
      throw forbidden('the skill-gap view is for officers and administrators');
    if (
      q.region &&
      p.role === 'officer' &&
      !(p.regions ?? []).some((r) => q.region!.startsWith(r) || r.startsWith(q.region!))
    ) {
      throw invalidField('region', 'is outside your villages');
    }
    const [openings, seeking, offers] = await Promise.all([
      this.openOpenings(),
      this.workers.seeking(this.ctx.pool, p.role === 'officer' ? (p.regions ?? []) : undefined, q.region),
      this.offers(),
    ]);
    const bySkill = new Map<string, { openings: OpeningFacts[]; reqs: OpeningFacts['requiredSkills'] }>();
    for (const o of openings) {
      for (const r of o.requiredSkills) {
        const entry = bySkill.get(r.code) ?? { openings: [], reqs: [] };
        if (!entry.openings.includes(o)) entry.openings.push(o);
        entry.reqs.push(r);
        bySkill.set(r.code, entry);
      }
    }
    const items = [...bySkill.entries()].map(([code, { openings: os, reqs }]) => {
      const places = os.reduce((n, o) => n + placesLeft(o), 0);
      const qualified = seeking.filter((w) => reqs.some((r) => meets(w.skills, r))).length;
      const name = this.taxonomy.get(code)?.nameZh;
      return {
        code,
        ...(name ? { name } : {}),
        openings: os.length,
        places,
        certificateRequired: reqs.some((r) => r.certificateRequired),
        workersQualified: qualified,
        workersShort: seeking.length - qualified,
        placesUncovered: Math.max(0, places - qualified),
        courses: offers.filter((o) => o.skills.some((s) => s.code === code)).map((o) => this.offerFor(o, code)),
      };
    });
    items.sort((a, b) => b.placesUncovered - a.placesUncovered || b.places - a.places || a.code.localeCompare(b.code));
    return { openings: openings.length, seekingWorkers: seeking.length, items: items.slice(0, q.limit ?? 20) };
  }

  /**
   * For one worker: the courses that would turn the most open openings into fits — openings
   * they do not fit today (tier not accepted, a skill missing or below level, a certificate
   * missing) and would once the course's skills (and certificate) are added.
   */
  async forWorker(p: Principal, workerId: string, limit = 20): Promise<WorkerCourseAdvice> {
    const w = await this.workers.findById(this.ctx.pool, workerId);
    const allowed =
      w && (p.role === 'worker' ? p.workerId === w.id : p.role !== 'employer' && inRegionScope(p, w.homeVillageCode));
    if (!w || !allowed) throw workerUnknown(workerId);
    const [openings, offers] = await Promise.all([this.openOpenings(), this.offers()]);
    const current = openings.filter((o) => fits(w, w.skills, o));
    const candidates = openings.filter((o) => !current.includes(o) && w.tierPreferences.includes(o.tier));
    const items = offers
      .map((c) => {
        const skills = afterCourse(w.skills, c.skills, Boolean(c.certificateName));
        const gained = candidates.filter((o) => fits(w, skills, o));
        return {
          course: this.offerFor(c, c.skills[0]!.code),
          additionalMatches: gained.length,
          additionalPlaces: gained.reduce((n, o) => n + placesLeft(o), 0),
          openings: gained.map((o) => ({ id: o.id, title: o.title, tier: o.tier, placesLeft: placesLeft(o) })),
        };
      })
      .filter((x) => x.additionalMatches > 0)
      .sort(
        (a, b) =>
          b.additionalMatches - a.additionalMatches ||
          b.additionalPlaces - a.additionalPlaces ||
          a.course.hours - b.course.hours,
      );
    return { workerId, currentMatches: current.length, items: items.slice(0, limit) };
  }

  /**
   * The seeking workers a new batch of `course` is for (batch.recommended): those with an open
   * opening in a tier they accept that they do not fit today and would fit once the course's skills
   * (and certificate) are theirs — what forWorker advises, asked the other way round. Only the
   * openings asking for a skill the course teaches can change, so only those are tried.
   */
  async recommendedFor(db: Queryable, course: CourseRecord): Promise<{ workerIds: string[]; skills: string[] }> {
    const taught = new Set(course.skills.map((s) => s.code));
    const openings = (await this.openings.open(db))
      .filter(isOpen)
      .filter((o) => o.requiredSkills.some((r) => taught.has(r.code)));
    if (openings.length === 0) return { workerIds: [], skills: [] };
    const workers = await this.workers.seeking(db, undefined, undefined);
    const certified = Boolean(course.certificateName);
    const workerIds: string[] = [];
    const lacking = new Set<string>();
    for (const w of workers) {
      let after: ReturnType<typeof afterCourse> | undefined;
      let recommended = false;
      for (const o of openings) {
        if (!w.tierPreferences.includes(o.tier) || fits(w, w.skills, o)) continue;
        after ??= afterCourse(w.skills, course.skills, certified);
        if (!fits(w, after, o)) continue;
        recommended = true;
        for (const r of o.requiredSkills) if (taught.has(r.code) && !meets(w.skills, r)) lacking.add(r.code);
      }
      if (recommended) workerIds.push(w.id);
    }
    return { workerIds: workerIds.sort(), skills: [...lacking].sort() };
  }

  private async openOpenings(): Promise<OpeningFacts[]> {
    return (await this.openings.open(this.ctx.pool)).filter(isOpen);
  }

  /** Every course with its upcoming batches that still have places. */
  private async offers(): Promise<(CourseRecord & { upcoming: BatchRecord[] })[]> {
    const [courses, upcoming] = await Promise.all([
      this.courses.all(this.ctx.pool),
      this.batches.list(this.ctx.pool, { upcomingFrom: this.ctx.calendar.today(), limit: 10_000 }),
    ]);
    return courses.map((c) => ({
      ...c,
      upcoming: upcoming
        .filter((b) => b.courseId === c.id && b.enrolled < b.capacity)
        .sort((a, b) => a.startDate.localeCompare(b.startDate)),
    }));
  }

  private offerFor(c: CourseRecord & { upcoming: BatchRecord[] }, code: string): CourseOffer {
    return {
      id: c.id,
      title: c.title,
      level: c.skills.find((s) => s.code === code)?.level ?? c.skills[0]!.level,
      ...(c.certificateName ? { certificateName: c.certificateName } : {}),
      hours: c.hours,
      upcomingBatches: c.upcoming.map((b) => ({
        id: b.id,
        startDate: b.startDate,
        endDate: b.endDate,
        place: b.place,
        placesLeft: b.capacity - b.enrolled,
        status: b.status,
      })),
    };
  }
}
