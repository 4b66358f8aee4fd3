import { CountyCalendar } from '@tongxin/service-platform';
import { type Principal, inRegionScope } from '@tongxin/auth';
import {
  type CertificateCourse,
  type ApplicationMark,
  type MatchStore,
  type OpeningEntry,
  type WorkerEntry,
  similarityKey,
} from './match-store.ts';
import { spreadFirstPage } from './diversity.ts';
import {
  type PartialSkill,
  type PriorityLabel,
  type WageFit,
  WEIGHTS,
  benefitsScore,
  eligibleForReserved,
  freshnessScore,
  lacksCertificate,
  nearness,
  OFFICER_REFERRED,
  OPEN_APPLICATION,
  priorityScore,
  SIMILAR_TO_DISMISSED,
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
  /** The worker has an application to this opening (any status, withdrawn included). */
  applied: boolean;
  /** Its status, when applied. */
  applicationStatus?: ApplicationMark['status'];
  /** An officer referred the worker to this opening (issue 17). */
  referred: boolean;
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
/** Matches ranked beyond the page, as a multiple of it, for the per-employer cap to draw on. */
const DIVERSITY_DEPTH = 3;

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
    tieBreak(store, w, o, nowMs, side, start),
  );
  return certified ? score + FIT_BONUS : score;
}

/**
 * The tie-breaker parts: freshness, benefits and nearness of an opening, less when it is like one
 * the worker dismissed, more while an officer's referral to it is open; availability of a candidate
 * (feedback and referrals never touch candidates, so they cannot lower a registered-poor or
 * relocated worker among them).
 */
function tieBreak(
  store: MatchStore,
  w: WorkerEntry,
  o: OpeningEntry,
  nowMs: number,
  side: 'matches' | 'candidates',
  start: string,
): Ties {
  if (side === 'matches') {
    const similar = store.notInterested.get(w.snap.id)?.similar.has(similarityKey(o.snap)) ?? false;
    const mark = store.applications.get(w.snap.id)?.get(o.snap.id);
    return [
      round(WEIGHTS.freshness * freshnessScore(o.publishedMs, nowMs)),
      round(WEIGHTS.benefits * benefitsScore(o.snap.benefits)),
      round(WEIGHTS.distance * nearness(w.snap.homeVillageCode, o.snap.worksiteRegionCode)),
      similar ? -SIMILAR_TO_DISMISSED : 0,
      mark?.referred && OPEN_APPLICATION.has(mark.status) ? OFFICER_REFERRED : 0,
    ];
  }
  const available = !w.snap.availableFrom || w.snap.availableFrom <= start;
  return [round((WEIGHTS.freshness + WEIGHTS.benefits) * (available ? 1 : 0.25)), 0, 0, 0, 0];
}

/** freshness (availability), benefits, distance, like a dismissed one, officer referred. */
type Ties = [number, number, number, number, number];

/** The score: weighted parts, each rounded, summed in the order the explanation lists them. */
function combine(share: number, rank: number, wage: number, priority: number, ties: Ties): number {
  return round(
    round(WEIGHTS.skills * share) +
      round(WEIGHTS.tier * tierScore(rank)) +
      round(WEIGHTS.wage * wage) +
      round(WEIGHTS.priority * priority) +
      ties[0] +
      ties[1] +
      ties[2] +
      ties[3] +
      ties[4],
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
  const ties = tieBreak(store, w, o, now.getTime(), side, start);
  const parts: Record<string, number> = {
    skills: round(WEIGHTS.skills * skills.share),
    tier: round(WEIGHTS.tier * tierScore(rank)),
    wage: round(WEIGHTS.wage * wageScore(w.snap.expectedMinWage, op.wageMin, op.wageMax)),
    priority: round(WEIGHTS.priority * priorityScore(person, op.reservedForPoor)),
    ...(side === 'matches'
      ? {
          freshness: ties[0],
          benefits: ties[1],
          distance: ties[2],
          ...(ties[3] ? { notInterestedSimilar: ties[3] } : {}),
          ...(ties[4] ? { referred: ties[4] } : {}),
        }
      : { availability: ties[0] }),
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
  // A few times the page, so that spreading it over employers has others to take from.
  const top = new TopK<OpeningEntry>(limit * DIVERSITY_DEPTH);
  const dismissed = store.notInterested.get(w.snap.id)?.openings;
  for (const o of pool) {
    if (!store.isPublished(o.snap, today) || dismissed?.has(o.snap.id)) continue;
    const key = rankKey(store, w, o, nowMs, 'matches', o.snap.startDate ?? today);
    if (key >= 0) top.offer(o, key, o.snap.id);
  }
  // Only fits are spread: a certificate-gated item stays after every fit.
  const fits = top.items.filter((r) => r.key >= FIT_BONUS);
  const page = [...spreadFirstPage(fits, (r) => r.item.snap.employerId, limit), ...top.items.slice(fits.length)].slice(
    0,
    limit,
  );
  const marks = store.applications.get(w.snap.id);
  return page.map(({ item: o }) => {
    const op = o.snap;
    const { score, explanation } = explain(store, w, o, now, 'matches', op.startDate ?? today, today);
    const mark = marks?.get(op.id);
    return {
      openingId: op.id,
      score,
      explanation,
      applied: mark !== undefined,
      ...(mark ? { applicationStatus: mark.status } : {}),
      referred: mark?.referred ?? false,
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
  forEachCandidate(store, o, start, (w) => {
    if (scope.role === 'officer' && !inRegionScope(scope, w.snap.homeVillageCode)) return;
    const key = rankKey(store, w, o, nowMs, 'candidates', start);
    if (key >= 0) top.offer(w, key, w.snap.id);
  });
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
 * The workers who may fill `o` and are available by `start`: those holding a skill it asks for (or
 * one credited for it), and for an entry-level opening those with no skills yet.
 */
function forEachCandidate(store: MatchStore, o: OpeningEntry, start: string, visit: (w: WorkerEntry) => void): void {
  const consider = (w: WorkerEntry) => {
    if (available(w, start)) visit(w);
  };
  store.forEachWorkerWithSkills(
    creditCodes(
      store,
      o.required.map((r) => r.code),
    ),
    consider,
  );
  if (o.entryLevel) for (const w of store.workersWithoutSkills) consider(w);
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
  forEachCandidate(store, o, start, (w) => {
    const key = rankKey(store, w, o, nowMs, 'candidates', start);
    if (key >= threshold) found.push({ workerId: w.snap.id, score: round(key - FIT_BONUS) });
  });
  found.sort((a, b) => b.score - a.score || (a.workerId < b.workerId ? -1 : a.workerId > b.workerId ? 1 : 0));
  return { matches: found.length > cap ? found.slice(0, cap) : found, total: found.length };
}
