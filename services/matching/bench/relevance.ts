/**
 * `npm run bench:relevance [-- judged-set.json]`: search recall@10 and nDCG@10 over the judged
 * query set (search-bench.ts), then nDCG@10 of the worker matches and of the
 * candidates over a judged set, and the number of hard-constraint violations (a forbidden
 * pair listed, or a certificate-blocked pair shown as a fit or above a fit). The ranking runs
 * in process over the same in-memory read model the service uses.
 */
import { readFileSync } from 'node:fs';
import type { Principal } from '@tongxin/auth';
import { loadTaxonomy } from '@tongxin/taxonomy';
import { MatchStore } from '../src/domain/match-store.ts';
import { rankCandidatesForOpening, rankOpeningsForWorker } from '../src/domain/rank.ts';
import { type JudgedSet, defaultJudgedSet } from './judged-set.ts';
import { type Judgement, judgePair, ndcg } from './judge.ts';
import { runSearchBench } from './search-bench.ts';

const file = process.argv[2];
const set: JudgedSet = file ? (JSON.parse(readFileSync(file, 'utf8')) as JudgedSet) : defaultJudgedSet();
const taxonomy = loadTaxonomy();
const store = new MatchStore(taxonomy);
set.employers.forEach((e) => store.putEmployer(e));
set.openings.forEach((o) => store.putOpening(o));
set.workers.forEach((w) => store.putWorker(w));
(set.courses ?? []).forEach((c) => store.putCourse(c));
const now = new Date(`${set.asOf}T08:00:00Z`);
const employers = new Map(set.employers.map((e) => [e.id, e]));
const admin: Principal = { sub: 'bench', username: 'bench', role: 'admin' };

function judged(
  w: (typeof set.workers)[number],
  o: (typeof set.openings)[number],
  side: 'matches' | 'candidates',
): Judgement {
  const given = set.grades?.[w.id]?.[o.id];
  const rules = judgePair(taxonomy, w, o, employers.get(o.employerId), set.asOf, side);
  if (given === undefined || rules.kind === 'forbidden') return rules;
  return { kind: 'graded', grade: given };
}

/** Violations in one list: forbidden items; blocked items marked as fits or placed above a fit. */
function audit(list: { fit: boolean; j: Judgement }[]): number {
  let violations = 0;
  let seenFlagged = false;
  for (const { fit, j } of list) {
    if (j.kind === 'forbidden') violations++;
    else if (j.kind === 'blocked' && fit) violations++;
    if (!fit) seenFlagged = true;
    else if (seenFlagged) violations++; // a fit after a flagged item: the flagged one was ranked above a fit
  }
  return violations;
}

/** Only graded fits earn gain; a flagged (certificate) item is listed but not relevant. */
const gain = (j: Judgement): number => (j.kind === 'graded' ? j.grade : 0);

let violations = 0;
const matchScores: number[] = [];
for (const w of set.workers) {
  const entry = store.workers.get(w.id)!;
  const items = rankOpeningsForWorker(store, entry, 10, now);
  const judgements = set.openings.map((o) => judged(w, o, 'matches'));
  const all = judgements.flatMap((j) => (j.kind === 'graded' ? [j.grade] : []));
  const byId = new Map(set.openings.map((o, i) => [o.id, judgements[i]!]));
  violations += audit(items.map((i) => ({ fit: i.explanation.fit, j: byId.get(i.openingId)! })));
  if (all.every((g) => g === 0)) continue;
  matchScores.push(
    ndcg(
      items.map((i) => gain(byId.get(i.openingId)!)),
      all,
    ),
  );
}

const candidateScores: number[] = [];
for (const o of set.openings) {
  const entry = store.openings.get(o.id)!;
  if (!store.isPublished(o, set.asOf)) continue;
  const items = rankCandidatesForOpening(store, entry, 10, now, admin, true);
  const judgements = set.workers.map((w) => judged(w, o, 'candidates'));
  const all = judgements.flatMap((j) => (j.kind === 'graded' ? [j.grade] : []));
  if (all.every((g) => g === 0)) continue;
  const byId = new Map(set.workers.map((w, i) => [w.id, judgements[i]!]));
  violations += audit(items.map((i) => ({ fit: i.explanation.fit, j: byId.get(i.workerId)! })));
  candidateScores.push(
    ndcg(
      items.map((i) => gain(byId.get(i.workerId)!)),
      all,
    ),
  );
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
console.log(
  `judged set: ${set.workers.length} workers × ${set.openings.length} openings (${file ?? 'built-in, seed 20261201'})`,
);
console.log(`worker matches   nDCG@10 = ${mean(matchScores).toFixed(4)}  (${matchScores.length} workers)`);
console.log(`candidates       nDCG@10 = ${mean(candidateScores).toFixed(4)}  (${candidateScores.length} openings)`);
console.log(`hard-constraint violations = ${violations}`);
const searchFailures = await runSearchBench();
process.exitCode = violations > 0 || searchFailures > 0 ? 1 : 0;
