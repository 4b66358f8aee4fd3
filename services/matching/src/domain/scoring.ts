import type { OpeningEntry, WorkerEntry } from './match-store.ts';
import type { Tier } from './snapshots.ts';

/**
 * Weights of the ranking principles of PRODUCT.md §3, in their order. Skill fit outweighs
 * everything after it together in most cases (a full match against a partial one moves the
 * score by more than the best tier, wage and priority can add); tier steps outweigh wage
 * steps, wage steps outweigh programme priority, and freshness and benefits only break ties.
 */
export const WEIGHTS = { skills: 0.6, tier: 0.2, wage: 0.1, priority: 0.06, freshness: 0.02, benefits: 0.02 } as const;

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

/** Share of the opening's required skills the worker has at the level asked (principle 2). */
export function skillFit(worker: WorkerEntry, opening: OpeningEntry, related: (code: string) => string[]): SkillFit {
  const fit: SkillFit = { share: 0, matchedSkills: [], missingSkills: [], partialSkills: [], needsCertificate: [] };
  let total = 0;
  for (const r of opening.required) {
    const own = worker.skills.get(r.code);
    if (r.certificateRequired && !own?.certificateNo) fit.needsCertificate.push(r.code);
    if (own && own.level >= r.minLevel) {
      fit.matchedSkills.push(r.code);
      total += 1;
      continue;
    }
    fit.missingSkills.push(r.code);
    let best: PartialSkill | undefined;
    if (own) {
      const credit = BELOW_LEVEL_BASE + BELOW_LEVEL_SPAN * (own.level / r.minLevel);
      best = { code: r.code, credit, via: 'lower_level', held: r.code, level: own.level };
    }
    for (const code of related(r.code)) {
      const rel = worker.skills.get(code);
      if (!rel) continue;
      const credit = RELATED_CREDIT * Math.min(1, rel.level / r.minLevel);
      if (!best || credit > best.credit) best = { code: r.code, credit, via: 'related', held: code, level: rel.level };
    }
    if (best) {
      best.credit = round(best.credit);
      fit.partialSkills.push(best);
      total += best.credit;
    }
  }
  fit.share = opening.required.length ? total / opening.required.length : 0;
  return fit;
}

/** 1-based rank of the tier in the worker's preferences; undefined when not accepted (hard constraint). */
export function tierRank(prefs: readonly Tier[], tier: Tier): number | undefined {
  const i = prefs.indexOf(tier);
  return i < 0 ? undefined : i + 1;
}

export function tierScore(rank: number): number {
  return TIER_SCORES[rank - 1] ?? 0.2;
}

/** Wage fit against the worker's expected minimum (principle 4). */
export function wageFit(expected: number | undefined, wageMin: number, wageMax: number): { fit: WageFit; score: number } {
  if (expected === undefined || expected <= 0) return { fit: 'no_expectation', score: 0.7 };
  if (wageMin >= expected) return { fit: 'above_expectation', score: 1 };
  if (wageMax >= expected) return { fit: 'within_range', score: 0.6 };
  // Below expectation: still listed, worth less the further below it pays.
  const shortfall = (expected - wageMax) / expected;
  return { fit: 'below_expectation', score: round(0.3 * Math.max(0, 1 - 2 * shortfall)) };
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
export function priorityScore(labels: PriorityLabel[]): number {
  const person = labels.includes('registered_poor') || labels.includes('relocated') ? 0.5 : 0;
  return person + (labels.includes('reserved_for_poor') ? 0.5 : 0);
}

/** Principle 6, freshness: 1 on the day of publication, 0.5 a month later. */
export function freshnessScore(publishedAt: string | undefined, now: Date): number {
  if (!publishedAt) return 0;
  const days = Math.max(0, (now.getTime() - Date.parse(publishedAt)) / 86_400_000);
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
