import { CountyCalendar } from '@tongxin/service-platform';
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
  lacksCertificate,
  priorityScore,
  requiredCredit,
  round,
  skillFit,
  tierScore,
  wageFit,
  wageScore,
  workerPriority,
} from './scoring.ts';
import type { Tier } from './snapshots.ts';

/** The county's calendar when the caller gives none (UTC+8). */
const COUNTY = new CountyCalendar();

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
  /** Score, plus 10 for a fit: fits come before every certificate-gated item. */
  key: number;
  id: string;
}

/** Fits first, then score, then id for a stable order. */
function byRank<T>(a: Ranked<T>, b: Ranked<T>): number {
  return b.key - a.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

const FIT_BONUS = 10;

/** Codes whose holders can earn any skill credit for these required codes. */
function creditCodes(store: MatchStore, codes: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const c of codes) {
    out.add(c);
    for (const r of store.related(c)) out.add(r);
  }
  return out;
}

const priorityPerson = (w: WorkerEntry): boolean => eligibleForReserved(w);

/**
 * The rank key of one pair without building its explanation (the hot loop allocates nothing),
 * or -1 when the pair is ruled out. Hard constraints, never broken: a tier the worker does
 * not accept; a 帮扶岗位 for a worker neither registered-poor nor relocated. A missing
 * certificate never makes a fit (no FIT_BONUS: after every fit). A pair with no skill relation
 * is left out, except entry-level openings for workers who have no skill at all.
 */
function rankKey(
  store: MatchStore,
  w: WorkerEntry,
  o: OpeningEntry,
  nowMs: number,
  side: 'matches' | 'candidates',
  start: string,
): number {
  const op = o.snap;
  const prefs = w.snap.tierPreferences ?? [];
  const rank = prefs.indexOf(op.tier) + 1;
  if (rank === 0) return -1;
  const person = priorityPerson(w);
  if (op.reservedForPoor && !person) return -1;
  let credit = 0;
  let certified = true;
  for (const r of o.required) {
    credit += requiredCredit(w, r, store.related);
    if (certified && lacksCertificate(w, r)) certified = false;
  }
  const share = o.required.length ? credit / o.required.length : 0;
  if (share === 0 && !(w.skills.size === 0 && o.entryLevel)) return -1;
  const score = combine(
    share,
    rank,
    wageScore(w.snap.expectedMinWage, op.wageMin, op.wageMax),
    priorityScore(person, op.reservedForPoor),
    tieBreak(w, o, nowMs, side, start),
  );
  return certified ? score + FIT_BONUS : score;
}

/** The tie-breaker parts: freshness and benefits of an opening; availability of a candidate. */
function tieBreak(
  w: WorkerEntry,
  o: OpeningEntry,
  nowMs: number,
  side: 'matches' | 'candidates',
  start: string,
): [number, number] {
  if (side === 'matches') {
    return [
      round(WEIGHTS.freshness * freshnessScore(o.publishedMs, nowMs)),
      round(WEIGHTS.benefits * benefitsScore(o.snap.benefits)),
    ];
  }
  const available = !w.snap.availableFrom || w.snap.availableFrom <= start;
  return [round((WEIGHTS.freshness + WEIGHTS.benefits) * (available ? 1 : 0.25)), 0];
}

/** The score: weighted parts, each rounded, summed in the order the explanation lists them. */
function combine(share: number, rank: number, wage: number, priority: number, ties: [number, number]): number {
  return round(
    round(WEIGHTS.skills * share) +
      round(WEIGHTS.tier * tierScore(rank)) +
      round(WEIGHTS.wage * wage) +
      round(WEIGHTS.priority * priority) +
      ties[0] +
      ties[1],
  );
}

/** The explanation of a pair already ranked (only the top `limit` are explained). */
function explain(
  store: MatchStore,
  w: WorkerEntry,
  o: OpeningEntry,
  now: Date,
  side: 'matches' | 'candidates',
  start: string,
  today: string,
): { score: number; explanation: Explanation } {
  const op = o.snap;
  const rank = (w.snap.tierPreferences ?? []).indexOf(op.tier) + 1;
  const skills = skillFit(w, o, store.related);
  const person = priorityPerson(w);
  const priority: PriorityLabel[] = workerPriority(w);
  if (op.reservedForPoor && person) priority.push('reserved_for_poor');
  const ties = tieBreak(w, o, now.getTime(), side, start);
  const parts: Record<string, number> = {
    skills: round(WEIGHTS.skills * skills.share),
    tier: round(WEIGHTS.tier * tierScore(rank)),
    wage: round(WEIGHTS.wage * wageScore(w.snap.expectedMinWage, op.wageMin, op.wageMax)),
    priority: round(WEIGHTS.priority * priorityScore(person, op.reservedForPoor)),
    ...(side === 'matches' ? { freshness: ties[0], benefits: ties[1] } : { availability: ties[0] }),
  };
  const explanation: Explanation = {
    fit: skills.needsCertificate.length === 0,
    matchedSkills: skills.matchedSkills,
    missingSkills: skills.missingSkills,
    partialSkills: skills.partialSkills,
    needsCertificate: skills.needsCertificate,
    tier: op.tier,
    tierRank: rank,
    wageFit: wageFit(w.snap.expectedMinWage, op.wageMin, op.wageMax),
    priority,
    parts,
  };
  if (!explanation.fit) {
    const courses = skills.needsCertificate.flatMap((code) => store.certificateCourses(code, today));
    if (courses.length) explanation.certificateCourses = courses;
  }
  return {
    score: combine(
      skills.share,
      rank,
      wageScore(w.snap.expectedMinWage, op.wageMin, op.wageMax),
      priorityScore(person, op.reservedForPoor),
      ties,
    ),
    explanation,
  };
}

/** Keeps the best `k` seen so far, in order; only entries that make it in are allocated. */
class TopK<T> {
  readonly items: Ranked<T>[] = [];
  constructor(private readonly k: number) {}

  offer(item: T, key: number, id: string): void {
    const items = this.items;
    if (items.length === this.k) {
      const last = items[this.k - 1]!;
      if (key < last.key || (key === last.key && id > last.id)) return;
    }
    const entry: Ranked<T> = { item, key, id };
    let i = items.length < this.k ? items.length : this.k - 1;
    if (items.length < this.k) items.push(entry);
    while (i > 0 && byRank(entry, items[i - 1]!) < 0) {
      items[i] = items[i - 1]!;
      i--;
    }
    items[i] = entry;
  }
}

/** Test seam: the rank key and the explained score of a pair, which must agree. */
export function scorePair(
  store: MatchStore,
  w: WorkerEntry,
  o: OpeningEntry,
  now: Date,
  side: 'matches' | 'candidates',
  calendar: CountyCalendar = COUNTY,
) {
  const today = calendar.dateOf(now);
  const start = o.snap.startDate ?? today;
  const key = rankKey(store, w, o, now.getTime(), side, start);
  return { key, ...(key >= 0 ? explain(store, w, o, now, side, start, today) : {}) };
}

/** Ranked openings for a worker (GET /workers/{id}/matches). */
export function rankOpeningsForWorker(
  store: MatchStore,
  w: WorkerEntry,
  limit: number,
  now: Date,
  calendar: CountyCalendar = COUNTY,
): OpeningMatch[] {
  const today = calendar.dateOf(now);
  const nowMs = now.getTime();
  const pool =
    w.skills.size === 0 ? store.openings.values() : store.openingsRequiring(creditCodes(store, w.skills.keys()));
  const top = new TopK<OpeningEntry>(limit);
  for (const o of pool) {
    if (!store.isPublished(o.snap, today)) continue;
    const key = rankKey(store, w, o, nowMs, 'matches', o.snap.startDate ?? today);
    if (key >= 0) top.offer(o, key, o.snap.id);
  }
  return top.items.map(({ item: o }) => {
    const op = o.snap;
    const { score, explanation } = explain(store, w, o, now, 'matches', op.startDate ?? today, today);
    return {
      openingId: op.id,
      score,
      explanation,
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
  calendar: CountyCalendar = COUNTY,
): CandidateMatch[] {
  const today = calendar.dateOf(now);
  const start = o.snap.startDate ?? today;
  const nowMs = now.getTime();
  const top = new TopK<WorkerEntry>(limit);
  const consider = (w: WorkerEntry) => {
    if (!available(w, start)) return;
    if (scope.role === 'officer' && !inRegionScope(scope, w.snap.homeVillageCode)) return;
    const key = rankKey(store, w, o, nowMs, 'candidates', start);
    if (key >= 0) top.offer(w, key, w.snap.id);
  };
  store.forEachWorkerWithSkills(
    creditCodes(
      store,
      o.required.map((r) => r.code),
    ),
    consider,
  );
  if (o.entryLevel) for (const w of store.workersWithoutSkills) consider(w);
  return top.items.map(({ item: w }) => {
    const s = w.snap;
    const { score, explanation } = explain(store, w, o, now, 'candidates', start, today);
    return {
      workerId: s.id,
      score,
      explanation,
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

/** One worker an opening alert goes to. */
export interface AlertMatch {
  workerId: string;
  score: number;
}

/**
 * Every available worker who fits a newly published opening with a score of at least `minScore`
 * (opening.matched): best first, then by id, at most `cap`. Fits only: a pair held back by a missing
 * certificate is no good match to announce. The hot loop is the candidates' one (rankKey, nothing
 * allocated for pairs below the threshold); a sort of the qualifying pairs replaces TopK, which is
 * built for small pages rather than ten thousand alerts.
 */
export function workersAboveThreshold(
  store: MatchStore,
  o: OpeningEntry,
  minScore: number,
  cap: number,
  now: Date,
  calendar: CountyCalendar = COUNTY,
): { matches: AlertMatch[]; total: number } {
  const today = calendar.dateOf(now);
  const start = o.snap.startDate ?? today;
  const nowMs = now.getTime();
  const found: AlertMatch[] = [];
  const threshold = minScore + FIT_BONUS;
  const consider = (w: WorkerEntry) => {
    if (!available(w, start)) return;
    const key = rankKey(store, w, o, nowMs, 'candidates', start);
    if (key >= threshold) found.push({ workerId: w.snap.id, score: round(key - FIT_BONUS) });
  };
  store.forEachWorkerWithSkills(
    creditCodes(
      store,
      o.required.map((r) => r.code),
    ),
    consider,
  );
  if (o.entryLevel) for (const w of store.workersWithoutSkills) consider(w);
  found.sort((a, b) => b.score - a.score || (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0));
  return { matches: found.length > cap ? found.slice(0, cap) : found, total: found.length };
}
