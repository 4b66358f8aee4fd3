import type { Taxonomy } from '@tongxin/taxonomy';
import type { EmployerSnapshot, OpeningSnapshot, WorkerSnapshot } from '../src/domain/snapshots.ts';

/**
 * Relevance judgements written from PRODUCT.md §3 alone — not from the ranker's code or
 * output. A pair is `forbidden` when a hard constraint excludes it, `blocked` when a missing
 * certificate means it may only appear flagged after every fit, else graded 0..5:
 *   skills (principle 2): 3 all at level, 2 at least half (a lower level counts half), 1 a related skill only;
 *   +1 for the worker's first-choice tier (principle 3);
 *   −1 when the wage stays below the expected minimum (principle 4), never below 1;
 *   +1 for a 帮扶岗位 offered to a registered-poor or relocated worker (principle 5);
 * for candidates, +0.5 for a registered-poor or relocated worker (principle 5, among equals).
 */
export type Judgement = { kind: 'forbidden' } | { kind: 'blocked' } | { kind: 'graded'; grade: number };

export function judgePair(
  taxonomy: Taxonomy,
  w: WorkerSnapshot,
  o: OpeningSnapshot,
  employer: EmployerSnapshot | undefined,
  asOf: string,
  side: 'matches' | 'candidates',
): Judgement {
  const verified = employer ? employer.status === 'verified' : o.employerVerified;
  if (o.status !== 'open' || o.filledCount >= o.headcount || !verified) return { kind: 'forbidden' };
  if (o.closingDate && o.closingDate < asOf) return { kind: 'forbidden' };
  if (!w.tierPreferences.includes(o.tier)) return { kind: 'forbidden' };
  const priorityPerson = w.householdStatus === 'registered_poor' || w.relocated;
  if (o.reservedForPoor && !priorityPerson) return { kind: 'forbidden' };
  if (side === 'candidates' && w.employmentStatus !== 'seeking') return { kind: 'forbidden' };

  const code = (c: string) => taxonomy.resolve(c) ?? c;
  const held = new Map(w.skills.map((s) => [code(s.code), s]));
  const required = o.requiredSkills.length
    ? o.requiredSkills
    : [{ code: o.occupationCode, minLevel: 1, certificateRequired: false }];
  let credit = 0;
  let atLevel = 0;
  let related = false;
  for (const r of required) {
    const c = code(r.code);
    const s = held.get(c);
    if (r.certificateRequired && !s?.certificateNo) return { kind: 'blocked' };
    if (s && s.level >= r.minLevel) {
      credit += 1;
      atLevel++;
    } else if (s) credit += 0.5;
    else if (taxonomy.related(c).some((x) => held.has(x))) related = true;
  }
  let grade = atLevel === required.length ? 3 : credit >= required.length / 2 ? 2 : credit > 0 || related ? 1 : 0;
  if (grade === 0) return { kind: 'graded', grade: 0 };
  if (w.tierPreferences[0] === o.tier) grade += 1;
  if (w.expectedMinWage !== undefined && o.wageMax < w.expectedMinWage) grade = Math.max(1, grade - 1);
  if (o.reservedForPoor && priorityPerson) grade += 1;
  if (side === 'candidates' && priorityPerson) grade += 0.5;
  return { kind: 'graded', grade };
}

/** nDCG@k of a ranked list of grades against the ideal order of every judged grade. */
export function ndcg(ranked: number[], all: number[], k = 10): number {
  const dcg = (gs: number[]) => gs.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...all].sort((a, b) => b - a));
  return ideal === 0 ? 1 : dcg(ranked) / ideal;
}
