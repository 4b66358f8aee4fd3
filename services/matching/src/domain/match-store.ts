import type { Taxonomy } from '@tongxin/taxonomy';
import type {
  BatchSnapshot,
  CourseSnapshot,
  EmployerSnapshot,
  OpeningSnapshot,
  RequiredSkill,
  WorkerSkill,
  WorkerSnapshot,
} from './snapshots.ts';

/** A worker as ranking reads it: skills keyed by canonical taxonomy code. */
export interface WorkerEntry {
  snap: WorkerSnapshot;
  skills: Map<string, WorkerSkill>;
  /** Visit stamp of the last candidate scan that met this worker (dedupes without a set per request). */
  mark: number;
}

/** A required skill of an opening, its code resolved through the taxonomy. */
export type { RequiredSkill } from './snapshots.ts';

/** An opening with its required skills resolved to canonical codes, and what ranking reads of it precomputed. */
export interface OpeningEntry {
  snap: OpeningSnapshot;
  /** Required skills with taxonomy codes; the occupation stands in when none are listed. */
  required: RequiredSkill[];
  /** Entry level: every requirement at level 1 without a certificate; open to workers without skills. */
  entryLevel: boolean;
  publishedMs: number;
}

/** Where a worker's application to an opening stands, as matching heard of it (issue 17). */
export interface ApplicationMark {
  status: 'submitted' | 'screening' | 'interview' | 'offered' | 'hired' | 'rejected' | 'withdrawn';
  /** An officer (or administrator) referred the worker to the opening; who it was is not kept. */
  referred: boolean;
}

/** A course that leads to a certificate, with its next scheduled batch when one is known. */
export interface CertificateCourse {
  courseId: string;
  title: string;
  certificateName: string;
  provider?: string;
  nextBatch?: { id: string; startDate: string; place?: string };
}

/**
 * The in-process copy of the read model that ranking runs over. It is filled from the
 * PostgreSQL read model at start and kept current by the consumers after each write, so a
 * match request never touches the database. Inverted indexes (skill → workers, skill →
 * openings) keep candidate generation proportional to the people who could fit.
 */
export class MatchStore {
  readonly workers = new Map<string, WorkerEntry>();
  readonly openings = new Map<string, OpeningEntry>();
  readonly employers = new Map<string, EmployerSnapshot>();
  readonly courses = new Map<string, CourseSnapshot>();
  readonly batches = new Map<string, BatchSnapshot>();
  readonly #workersBySkill = new Map<string, Set<WorkerEntry>>();
  readonly #openingsBySkill = new Map<string, Set<OpeningEntry>>();
  readonly #openingsByEmployer = new Map<string, Set<string>>();
  readonly #related = new Map<string, readonly string[]>();
  /**
   * Feedback per worker: openings they marked "not interested" (left out of their matches) and
   * the employer/occupation pairs of those openings, whose other openings sink.
   */
  readonly notInterested = new Map<string, { openings: Set<string>; similar: Set<string> }>();
  /** Per worker, their applications by opening id: marked in their matches and searches. */
  readonly applications = new Map<string, Map<string, ApplicationMark>>();
  /** Workers with no skill at all: the candidates of entry-level openings besides the skilled. */
  readonly workersWithoutSkills = new Set<WorkerEntry>();

  constructor(private readonly taxonomy: Taxonomy) {}

  /** Canonical code of a skill code or name: synonyms resolve through the taxonomy. */
  canonical(code: string): string {
    return this.taxonomy.has(code) ? code : (this.taxonomy.resolve(code) ?? code);
  }

  /** Related codes (taxonomy), cached: ranking asks for them per candidate. */
  related = (code: string): readonly string[] => {
    let r = this.#related.get(code);
    if (!r) this.#related.set(code, (r = this.taxonomy.related(code)));
    return r;
  };

  /** Records (or, with `on` false, withdraws) a worker's "not interested" in an opening. */
  markNotInterested(workerId: string, openingId: string, on = true): void {
    const ids = new Set(this.notInterested.get(workerId)?.openings);
    if (on) ids.add(openingId);
    else ids.delete(openingId);
    this.setNotInterested(workerId, ids);
  }

  /** A worker's "not interested" openings, all at once (as stored). */
  setNotInterested(workerId: string, openingIds: Iterable<string>): void {
    const f = { openings: new Set(openingIds), similar: new Set<string>() };
    for (const id of f.openings) {
      const o = this.openings.get(id)?.snap;
      if (o) f.similar.add(similarityKey(o));
    }
    if (f.openings.size) this.notInterested.set(workerId, f);
    else this.notInterested.delete(workerId);
  }

  /** One application's mark, as it now stands. */
  putApplication(workerId: string, openingId: string, mark: ApplicationMark): void {
    let m = this.applications.get(workerId);
    if (!m) this.applications.set(workerId, (m = new Map()));
    m.set(openingId, mark);
  }

  /** A worker's application marks, all at once (as stored). */
  setApplications(workerId: string, marks: Iterable<[string, ApplicationMark]>): void {
    const m = new Map(marks);
    if (m.size) this.applications.set(workerId, m);
    else this.applications.delete(workerId);
  }

  putWorker(snap: WorkerSnapshot): WorkerEntry {
    this.removeWorker(snap.id);
    const skills = new Map<string, WorkerSkill>();
    for (const s of snap.skills ?? []) {
      const code = this.canonical(s.code);
      const prev = skills.get(code);
      // Two entries for one occupation (e.g. a synonym and the code): keep the stronger, certified one.
      if (!prev || s.level > prev.level || (s.level === prev.level && s.certificateNo && !prev.certificateNo)) {
        skills.set(code, { ...s, code });
      }
    }
    const entry: WorkerEntry = { snap, skills, mark: 0 };
    this.workers.set(snap.id, entry);
    for (const code of skills.keys()) addTo(this.#workersBySkill, code, entry);
    if (skills.size === 0) this.workersWithoutSkills.add(entry);
    return entry;
  }

  removeWorker(id: string): void {
    const old = this.workers.get(id);
    if (!old) return;
    for (const code of old.skills.keys()) this.#workersBySkill.get(code)?.delete(old);
    this.workersWithoutSkills.delete(old);
    this.workers.delete(id);
  }

  #scan = 0;

  /** Calls `visit` once for each worker holding any of these codes. */
  forEachWorkerWithSkills(codes: Iterable<string>, visit: (w: WorkerEntry) => void): void {
    const stamp = ++this.#scan;
    for (const code of codes) {
      for (const w of this.#workersBySkill.get(code) ?? []) {
        if (w.mark === stamp) continue;
        w.mark = stamp;
        visit(w);
      }
    }
  }

  putOpening(snap: OpeningSnapshot): OpeningEntry {
    this.removeOpening(snap.id);
    const listed = snap.requiredSkills ?? [];
    const required = (
      listed.length ? listed : [{ code: snap.occupationCode, minLevel: 1, certificateRequired: false }]
    ).map((r) => ({
      code: this.canonical(r.code),
      minLevel: r.minLevel,
      certificateRequired: r.certificateRequired,
    }));
    const entry: OpeningEntry = {
      snap,
      required,
      entryLevel: required.every((r) => r.minLevel <= 1 && !r.certificateRequired),
      publishedMs: snap.publishedAt ? Date.parse(snap.publishedAt) : Number.NaN,
    };
    this.openings.set(snap.id, entry);
    for (const r of required) addTo(this.#openingsBySkill, r.code, entry);
    addTo(this.#openingsByEmployer, snap.employerId, snap.id);
    return entry;
  }

  removeOpening(id: string): void {
    const old = this.openings.get(id);
    if (!old) return;
    for (const r of old.required) this.#openingsBySkill.get(r.code)?.delete(old);
    this.#openingsByEmployer.get(old.snap.employerId)?.delete(id);
    this.openings.delete(id);
  }

  /** Openings requiring any of these codes. */
  openingsRequiring(codes: Iterable<string>): Set<OpeningEntry> {
    const out = new Set<OpeningEntry>();
    for (const code of codes) for (const o of this.#openingsBySkill.get(code) ?? []) out.add(o);
    return out;
  }

  openingIdsOfEmployer(employerId: string): string[] {
    return [...(this.#openingsByEmployer.get(employerId) ?? [])];
  }

  putEmployer(snap: EmployerSnapshot): void {
    this.employers.set(snap.id, snap);
  }

  putCourse(course: CourseSnapshot): void {
    this.courses.set(course.id, course);
  }

  putBatch(batch: BatchSnapshot): void {
    this.batches.set(batch.id, batch);
  }

  /**
   * Whether an opening may be offered at all (PRODUCT.md §3 hard constraint 1): open, places
   * left, not past its closing date, and its employer verified. The employer's own events
   * are the authority on its status once seen; before that the opening's snapshot says it.
   */
  isPublished(o: OpeningSnapshot, today: string): boolean {
    if (o.status !== 'open') return false;
    if (!(o.filledCount < o.headcount)) return false;
    if (o.closingDate && o.closingDate < today) return false;
    const employer = this.employers.get(o.employerId);
    return employer ? employer.status === 'verified' : o.employerVerified === true;
  }

  /** Courses whose completion certifies `code`, soonest batch first. */
  certificateCourses(code: string, today: string): CertificateCourse[] {
    const out: CertificateCourse[] = [];
    for (const c of this.courses.values()) {
      if (!c.certificateName || !c.skills.some((s) => this.canonical(s.code) === code)) continue;
      let next: BatchSnapshot | undefined;
      for (const b of this.batches.values()) {
        if (b.courseId !== c.id || b.startDate < today || b.status === 'cancelled' || b.status === 'finished') continue;
        if (!next || b.startDate < next.startDate) next = b;
      }
      out.push({
        courseId: c.id,
        title: c.title,
        certificateName: c.certificateName,
        ...(c.provider ? { provider: c.provider } : {}),
        ...(next ? { nextBatch: { id: next.id, startDate: next.startDate, ...placeOf(next) } } : {}),
      });
    }
    return out.sort(
      (a, b) =>
        (a.nextBatch?.startDate ?? '9999').localeCompare(b.nextBatch?.startDate ?? '9999') ||
        a.courseId.localeCompare(b.courseId),
    );
  }
}

function placeOf(b: BatchSnapshot): { place?: string } {
  if (!b.place) return {};
  return { place: typeof b.place === 'string' ? b.place : b.place.address };
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Openings alike for feedback: the same employer offering the same occupation. */
export function similarityKey(o: { employerId: string; occupationCode: string }): string {
  return `${o.employerId}/${o.occupationCode}`;
}
