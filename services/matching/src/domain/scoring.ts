import type { OpeningEntry, RequiredSkill, WorkerEntry } from './match-store.ts';

/**
 * Weights of the ranking principles of PRODUCT.md §3, in their order. Skill fit outweighs
 * everything after it together in most cases (a full match against a partial one moves the
 * score by more than the best tier, wage and priority can add); tier steps outweigh wage
 * steps, wage steps outweigh programme priority, and freshness and benefits only break ties.
 */
export const WEIGHTS = {
  skills: 0.6,
  tier: 0.2,
  wage: 0.1,
  priority: 0.06,
  freshness: 0.015,
  benefits: 0.015,
  distance: 0.01,
} as const;

/** What an opening like one the worker marked "not interested" loses: a wage step, less than a tier step. */
export const SIMILAR_TO_DISMISSED = 0.1;

/**
 * What an opening an officer referred the worker to gains in their matches while the application is
 * open (issue 17): less than a wage step (0.04), more than one tie-breaker, so it only lifts the opening
 * among alike ones. Never applied to candidates, so no worker's place among an opening's candidates moves.
 */
export const OFFICER_REFERRED = 0.03;

/** Application statuses still under way: a referral in one of them lifts the opening. */
export const OPEN_APPLICATION = new Set(['submitted', 'screening', 'interview', 'offered']);

/**
 * Nearness of a worksite to the worker's home village by the region hierarchy: same township 1,
 * same county 0.75, same city 0.5, same province 0.25, else 0. A worksite given only to the county
 * is as near as the county. (No data package gives the seats' coordinates, so no commuting distance.)
 */
export function nearness(home: string, site: string): number {
  for (const [len, score] of [
    [9, 1],
    [6, 0.75],
    [4, 0.5],
    [2, 0.25],
  ] as const) {
    if (home.length >= len && site.length >= len && home.slice(0, len) === site.slice(0, len)) return score;
  }
  return 0;
}

/** Credit of a required skill held below the level asked: between 0.5 and 0.8 of a full one. */
const BELOW_LEVEL_BASE = 0.5;
const BELOW_LEVEL_SPAN = 0.3;
/** A related skill (taxonomy `related`) is worth this share of the skill itself. */
const RELATED_CREDIT = 0.4;
/** Score of the worker's first, second and third accepted tier. */
const TIER_SCORES = [1, 0.6, 0.3];

export type WageFit = 'above_expectation' | 'within_range' | 'below_expectation' | 'no_expectation';
export type PriorityLabel = 'registered_poor' | 'relocated' | 'reserved_for_poor';

/** How one required skill was met, for the explanation. */
export interface PartialSkill {
  code: string;
  credit: number;
  via: 'lower_level' | 'related';
  /** The worker's skill that earned the credit. */
  held: string;
  level: number;
}

export interface SkillFit {
  /** 0..1: mean credit over the opening's required skills. */
  share: number;
  matchedSkills: string[];
  missingSkills: string[];
  partialSkills: PartialSkill[];
  /** Required skills that need a certificate the worker does not hold for that skill. */
  needsCertificate: string[];
}

/**
 * Credit of one required skill (principle 2): 1 at the level asked; a lower level of the same
 * skill or a related skill (taxonomy) earns partial credit, the better of the two.
 */
export function requiredCredit(
  worker: WorkerEntry,
  r: RequiredSkill,
  related: (code: string) => readonly string[],
): number {
  const own = worker.skills.get(r.code);
  if (own && own.level >= r.minLevel) return 1;
  let best = own ? BELOW_LEVEL_BASE + BELOW_LEVEL_SPAN * (own.level / r.minLevel) : 0;
  for (const code of related(r.code)) {
    const rel = worker.skills.get(code);
    if (!rel) continue;
    const credit = RELATED_CREDIT * Math.min(1, rel.level / r.minLevel);
    if (credit > best) best = credit;
  }
  return round(best);
}

/** True when the requirement asks for a certificate the worker does not hold for that very skill. */
export const lacksCertificate = (worker: WorkerEntry, r: RequiredSkill): boolean =>
  r.certificateRequired && !worker.skills.get(r.code)?.certificateNo;

/** Share of the opening's required skills the worker has at the level asked, with the details. */
export function skillFit(
  worker: WorkerEntry,
  opening: OpeningEntry,
  related: (code: string) => readonly string[],
): SkillFit {
  const fit: SkillFit = { share: 0, matchedSkills: [], missingSkills: [], partialSkills: [], needsCertificate: [] };
  let total = 0;
  for (const r of opening.required) {
    if (lacksCertificate(worker, r)) fit.needsCertificate.push(r.code);
    const credit = requiredCredit(worker, r, related);
    total += credit;
    if (credit === 1) {
      fit.matchedSkills.push(r.code);
      continue;
    }
    fit.missingSkills.push(r.code);
    if (credit === 0) continue;
    // Which held skill earned the credit: the same skill at a lower level, else the best related one.
    const own = worker.skills.get(r.code);
    if (own && round(BELOW_LEVEL_BASE + BELOW_LEVEL_SPAN * (own.level / r.minLevel)) === credit) {
      fit.partialSkills.push({ code: r.code, credit, via: 'lower_level', held: r.code, level: own.level });
      continue;
    }
    for (const code of related(r.code)) {
      const rel = worker.skills.get(code);
      if (rel && round(RELATED_CREDIT * Math.min(1, rel.level / r.minLevel)) === credit) {
        fit.partialSkills.push({ code: r.code, credit, via: 'related', held: code, level: rel.level });
        break;
      }
    }
  }
  fit.share = opening.required.length ? total / opening.required.length : 0;
  return fit;
}

export function tierScore(rank: number): number {
  return TIER_SCORES[rank - 1] ?? 0.2;
}

/** Wage fit against the worker's expected minimum (principle 4). */
export function wageFit(expected: number | undefined, wageMin: number, wageMax: number): WageFit {
  if (expected === undefined || expected <= 0) return 'no_expectation';
  if (wageMin >= expected) return 'above_expectation';
  if (wageMax >= expected) return 'within_range';
  return 'below_expectation';
}

/** 0..1 value of the wage fit; below expectation it is worth less the further below it pays. */
export function wageScore(expected: number | undefined, wageMin: number, wageMax: number): number {
  if (expected === undefined || expected <= 0) return 0.7;
  if (wageMin >= expected) return 1;
  if (wageMax >= expected) return 0.6;
  const shortfall = (expected - wageMax) / expected;
  return round(0.3 * Math.max(0, 1 - 2 * shortfall));
}

/** Programme-priority facts of a worker. */
export function workerPriority(worker: WorkerEntry): PriorityLabel[] {
  const out: PriorityLabel[] = [];
  if (worker.snap.householdStatus === 'registered_poor') out.push('registered_poor');
  if (worker.snap.relocated) out.push('relocated');
  return out;
}

/** Whether a worker may take a 帮扶岗位 (reservedForPoor opening). */
export function eligibleForReserved(worker: WorkerEntry): boolean {
  return worker.snap.householdStatus === 'registered_poor' || worker.snap.relocated === true;
}

/**
 * Principle 5: half for a registered-poor or relocated worker (so they come first among
 * equal candidates), half for a 帮扶岗位 offered to such a worker.
 */
export function priorityScore(priorityPerson: boolean, reservedForPoor: boolean): number {
  return (priorityPerson ? 0.5 : 0) + (priorityPerson && reservedForPoor ? 0.5 : 0);
}

/** Principle 6, freshness: 1 on the day of publication, 0.5 a month later (times in ms; NaN when unknown). */
export function freshnessScore(publishedMs: number, nowMs: number): number {
  if (!Number.isFinite(publishedMs)) return 0;
  const days = Math.max(0, (nowMs - publishedMs) / 86_400_000);
  return 1 / (1 + days / 30);
}

/** Principle 6, benefits: housing, meals and social insurance, a third each. */
export function benefitsScore(b: { housing: boolean; meals: boolean; socialInsurance: boolean } | undefined): number {
  if (!b) return 0;
  return (Number(b.housing) + Number(b.meals) + Number(b.socialInsurance)) / 3;
}

export const round = (n: number, digits = 4): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
