import { type Principal, inRegionScope } from '@tongxin/auth';
import type { CertificateCourse, MatchStore, OpeningEntry, WorkerEntry } from './match-store.ts';
import {
  type PartialSkill,
  type PriorityLabel,
  type WageFit,
  WEIGHTS,
  benefitsScore,
  eligibleForReserved,
  freshnessScore,
  priorityScore,
  round,
  skillFit,
  tierRank,
  tierScore,
  wageFit,
  workerPriority,
} from './scoring.ts';
import type { Tier } from './snapshots.ts';

/** Why an item is where it is: what a placement officer reads next to each result. */
export interface Explanation {
  /** True for a fit; false for an item shown only because a certificate is missing. */
  fit: boolean;
  matchedSkills: string[];
  missingSkills: string[];
  /** Missing skills that still earned partial credit (a lower level, or a related skill). */
  partialSkills: PartialSkill[];
  /** Required skills whose certificate the worker lacks. */
  needsCertificate: string[];
  /** Courses that give the missing certificates, when training has announced any. */
  certificateCourses?: CertificateCourse[];
  tier: Tier;
  tierRank: number;
  wageFit: WageFit;
  priority: PriorityLabel[];
  parts: Record<string, number>;
}

export interface OpeningMatch {
  openingId: string;
  score: number;
  explanation: Explanation;
  opening: {
    title: string;
    employerId: string;
    employerName: string;
    occupationCode: string;
    worksiteRegionCode: string;
    tier: Tier;
    wageMin: number;
    wageMax: number;
    reservedForPoor: boolean;
    placesLeft: number;
  };
}

export interface CandidateMatch {
  workerId: string;
  score: number;
  explanation: Explanation;
  worker: {
    name?: string;
    homeVillageCode: string;
    townshipCode: string;
    householdStatus: string;
    relocated: boolean;
    employmentStatus: string;
  };
}

interface Ranked<T> {
  item: T;
  bucket: number;
  score: number;
  key: string;
}

/** Fits first, certificate-gated items after them; then score; then id for a stable order. */
function byRank<T>(a: Ranked<T>, b: Ranked<T>): number {
  return a.bucket - b.bucket || b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

const isEntryLevel = (o: OpeningEntry): boolean => o.required.every((r) => r.minLevel <= 1 && !r.certificateRequired);

/** Codes whose holders can earn any skill credit for these required codes. */
function creditCodes(store: MatchStore, codes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const c of codes) {
    out.add(c);
    for (const r of store.related(c)) out.add(r);
  }
  return out;
}

/**
 * Scores one worker against one opening, or returns undefined when a hard constraint or the
 * absence of any skill relation rules the pair out. Hard constraints, never broken: a tier
 * the worker does not accept, a 帮扶岗位 for a worker who is neither registered-poor nor
 * relocated. A missing certificate never makes a fit (bucket 1, flagged).
 */
function assess(
  store: MatchStore,
  w: WorkerEntry,
  o: OpeningEntry,
  now: Date,
  side: 'matches' | 'candidates',
): { bucket: number; score: number; explanation: Explanation } | undefined {
  const op = o.snap;
  const rank = tierRank(w.snap.tierPreferences ?? [], op.tier);
  if (rank === undefined) return undefined;
  if (op.reservedForPoor && !eligibleForReserved(w)) return undefined;
  const skills = skillFit(w, o, (c) => store.related(c));
  const certified = skills.needsCertificate.length === 0;
  // No relation between the worker's skills and the job: only entry-level jobs for people without skills.
  if (skills.share === 0 && !(w.skills.size === 0 && isEntryLevel(o))) return undefined;
  const wage = wageFit(w.snap.expectedMinWage, op.wageMin, op.wageMax);
  const priority = workerPriority(w);
  if (op.reservedForPoor) priority.push('reserved_for_poor');
  const parts: Record<string, number> = {
    skills: round(WEIGHTS.skills * skills.share),
    tier: round(WEIGHTS.tier * tierScore(rank)),
    wage: round(WEIGHTS.wage * wage.score),
    priority: round(WEIGHTS.priority * priorityScore(priority)),
  };
  if (side === 'matches') {
    parts.freshness = round(WEIGHTS.freshness * freshnessScore(op.publishedAt, now));
    parts.benefits = round(WEIGHTS.benefits * benefitsScore(op.benefits));
  } else {
    // Among candidates the opening's own freshness and benefits are constant; availability differs.
    const start = op.startDate ?? now.toISOString().slice(0, 10);
    const available = !w.snap.availableFrom || w.snap.availableFrom <= start;
    parts.availability = round((WEIGHTS.freshness + WEIGHTS.benefits) * (available ? 1 : 0.25));
  }
  const score = round(Object.values(parts).reduce((a, b) => a + b, 0));
  const explanation: Explanation = {
    fit: certified,
    matchedSkills: skills.matchedSkills,
    missingSkills: skills.missingSkills,
    partialSkills: skills.partialSkills,
    needsCertificate: skills.needsCertificate,
    tier: op.tier,
    tierRank: rank,
    wageFit: wage.fit,
    priority,
    parts,
  };
  if (!certified) {
    const today = now.toISOString().slice(0, 10);
    const courses = skills.needsCertificate.flatMap((code) => store.certificateCourses(code, today));
    if (courses.length) explanation.certificateCourses = courses;
  }
  return { bucket: certified ? 0 : 1, score, explanation };
}

/** Ranked openings for a worker (GET /workers/{id}/matches). */
export function rankOpeningsForWorker(store: MatchStore, w: WorkerEntry, limit: number, now: Date): OpeningMatch[] {
  const today = now.toISOString().slice(0, 10);
  const pool = w.skills.size === 0 ? store.openings.values() : store.openingsRequiring(creditCodes(store, w.skills.keys()));
  const ranked: Ranked<OpeningEntry>[] = [];
  const explained = new Map<OpeningEntry, Explanation>();
  for (const o of pool) {
    if (!store.isPublished(o.snap, today)) continue;
    const a = assess(store, w, o, now, 'matches');
    if (!a) continue;
    explained.set(o, a.explanation);
    ranked.push({ item: o, bucket: a.bucket, score: a.score, key: o.snap.id });
  }
  return topK(ranked, limit).map((r) => {
    const op = r.item.snap;
    return {
      openingId: op.id,
      score: r.score,
      explanation: explained.get(r.item)!,
      opening: {
        title: op.title,
        employerId: op.employerId,
        employerName: op.employerName,
        occupationCode: op.occupationCode,
        worksiteRegionCode: op.worksiteRegionCode,
        tier: op.tier,
        wageMin: op.wageMin,
        wageMax: op.wageMax,
        reservedForPoor: op.reservedForPoor,
        placesLeft: op.headcount - op.filledCount,
      },
    };
  });
}

/** Employment statuses that make a worker a candidate: seeking, or finishing training before the start. */
function available(w: WorkerEntry, start: string): boolean {
  const s = w.snap.employmentStatus;
  if (s === 'seeking') return true;
  return s === 'in_training' && !!w.snap.availableFrom && w.snap.availableFrom <= start;
}

/**
 * Ranked workers for an opening (GET /openings/{id}/candidates). `scope` limits an officer
 * to the workers of their villages; `showNames` is false for employers, who meet applicants
 * through applications, not through the registry.
 */
export function rankCandidatesForOpening(
  store: MatchStore,
  o: OpeningEntry,
  limit: number,
  now: Date,
  scope: Principal,
  showNames: boolean,
): CandidateMatch[] {
  const start = o.snap.startDate ?? now.toISOString().slice(0, 10);
  const pool = new Set(store.workersWithSkills(creditCodes(store, o.required.map((r) => r.code))));
  if (isEntryLevel(o)) for (const w of store.workers.values()) if (w.skills.size === 0) pool.add(w);
  const ranked: Ranked<WorkerEntry>[] = [];
  const explained = new Map<WorkerEntry, Explanation>();
  for (const w of pool) {
    if (!available(w, start)) continue;
    if (scope.role === 'officer' && !inRegionScope(scope, w.snap.homeVillageCode)) continue;
    const a = assess(store, w, o, now, 'candidates');
    if (!a) continue;
    explained.set(w, a.explanation);
    ranked.push({ item: w, bucket: a.bucket, score: a.score, key: w.snap.id });
  }
  return topK(ranked, limit).map((r) => {
    const s = r.item.snap;
    return {
      workerId: s.id,
      score: r.score,
      explanation: explained.get(r.item)!,
      worker: {
        ...(showNames ? { name: s.name } : {}),
        homeVillageCode: s.homeVillageCode,
        townshipCode: s.townshipCode,
        householdStatus: s.householdStatus,
        relocated: s.relocated,
        employmentStatus: s.employmentStatus,
      },
    };
  });
}

/** The best `k` by {@link byRank} without sorting everything when the pool is large. */
function topK<T>(items: Ranked<T>[], k: number): Ranked<T>[] {
  if (items.length <= k * 4) return items.sort(byRank).slice(0, k);
  const best: Ranked<T>[] = [];
  for (const it of items) {
    if (best.length === k && byRank(it, best[k - 1]!) >= 0) continue;
    let i = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(it);
    while (i > 0 && byRank(it, best[i - 1]!) < 0) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = it;
  }
  return best;
}
