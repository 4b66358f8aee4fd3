/**
 * npm run bench:province [-- --workers 1000000 --openings 100000 --counties 117 --partitions 11 --largest 0.15 --monolith 200000]
 *
 * The matching store alone at the province's size (issue 16 item 5, ADR 0022), in this process, no
 * database or bus: what each matching instance would hold and how fast it ranks.
 *
 * 1. Today's design, one store with every worker: built at `--monolith` workers (default 200,000;
 *    pass 1000000 to build it whole) with the province's openings; heap per worker and per opening,
 *    and the heap extrapolated to the province's workers; matches and candidates latency.
 * 2. The chosen design, matching partitioned by county, the counties of a prefecture-level city in
 *    one partition (`--partitions`, Shanxi's 11 cities): the largest partition (`--largest` of the
 *    province's workers) with every opening of the province (its workers' matches range over them);
 *    its heap, matches and local candidates latency. `--monolith 0` skips part 1.
 * 3. Candidates of an opening recruiting province-wide: the search engine retrieves the best
 *    `--retrieve` workers by skill (its latency is the engine's, not measured here) and matching
 *    re-ranks them with the same ranking as today; the re-ranking latency, documents to answer.
 *
 * Run with `node --expose-gc` (the npm script does) so heap figures are after a full collection.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { Principal } from '@tongxin/auth';
import { loadTaxonomy } from '@tongxin/taxonomy';
import { MatchStore } from '../src/domain/match-store.ts';
import { rankCandidatesForOpening, rankOpeningsForWorker } from '../src/domain/rank.ts';
import type { EmployerSnapshot, OpeningSnapshot, Tier, WorkerSnapshot } from '../src/domain/snapshots.ts';
import { prng } from './judged-set.ts';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1000000' },
    openings: { type: 'string', default: '100000' },
    counties: { type: 'string', default: '117' },
    partitions: { type: 'string', default: '11' },
    largest: { type: 'string', default: '0.15' },
    monolith: { type: 'string', default: '200000' },
    retrieve: { type: 'string', default: '500' },
    requests: { type: 'string', default: '400' },
  },
});
const WORKERS = Number(args.workers);
const OPENINGS = Number(args.openings);
const COUNTIES = Number(args.counties);
const PARTITIONS = Number(args.partitions);
const LARGEST = Math.round(WORKERS * Number(args.largest));
const MONOLITH = Math.min(WORKERS, Number(args.monolith));
const RETRIEVE = Number(args.retrieve);
const REQUESTS = Number(args.requests);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.warn('(run with node --expose-gc for heap figures after a full collection)');
const heapMiB = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

const taxonomy = loadTaxonomy();
const codes = taxonomy.all().map((s) => s.code);
const certifiable = new Set(
  taxonomy
    .all()
    .filter((s) => s.certificate)
    .map((s) => s.code),
);
const tierOrders: Tier[][] = [
  ['in_county'],
  ['in_county', 'in_province'],
  ['in_province', 'in_county'],
  ['in_county', 'in_province', 'out_of_province'],
  ['out_of_province', 'in_province', 'in_county'],
];
const rnd = prng(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const STAMP = '2026-12-01T08:00:00.000Z';
const hex = (n: number, width = 12) => n.toString(16).padStart(width, '0');
/** Deterministic UUID-shaped ids: `kind` keeps workers, openings and employers apart. */
const uuid = (kind: number, n: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(n)}`;
/** Shanxi's county-level codes stand-in: 14xxxx, one per county index. */
const countyCode = (c: number) =>
  `14${String(1 + Math.floor(c / 12)).padStart(2, '0')}${String(21 + (c % 12)).padStart(2, '0')}`;

function worker(i: number, county: number): WorkerSnapshot {
  const n = Math.floor(rnd() * 4);
  const own = new Set<string>();
  while (own.size < n) own.add(pick(codes));
  const village = `${countyCode(county)}${String(100 + (i % 9))}${String(200 + (i % 40))}`;
  return {
    id: uuid(1, i),
    name: `工人${i}`,
    gender: rnd() < 0.6 ? 'male' : 'female',
    birthYear: 1965 + Math.floor(rnd() * 40),
    homeVillageCode: village,
    townshipCode: village.slice(0, 9),
    householdStatus: rnd() < 0.47 ? 'registered_poor' : rnd() < 0.05 ? 'monitored' : 'none',
    relocated: rnd() < 0.12,
    skills: [...own].map((code) => ({
      code,
      level: 1 + Math.floor(rnd() * 5),
      ...(certifiable.has(code) && rnd() < 0.5 ? { certificateNo: `C${i}` } : {}),
    })),
    tierPreferences: pick(tierOrders),
    expectedMinWage: 3000 + Math.floor(rnd() * 10) * 500,
    employmentStatus: rnd() < 0.7 ? 'seeking' : pick(['employed', 'in_training', 'not_seeking'] as const),
    unionMember: rnd() < 0.9,
    version: 1,
    updatedAt: STAMP,
  };
}

const EMPLOYERS = Math.max(55, Math.round(OPENINGS / 60));
const employers: EmployerSnapshot[] = Array.from({ length: EMPLOYERS }, (_, e) => ({
  id: uuid(2, e),
  name: `用工企业${e}`,
  creditCode: '91140723MA0100001X',
  industry: 'construction',
  regionCode: e % 10 === 9 ? '320505' : countyCode(e % COUNTIES),
  tier: e % 10 === 9 ? 'out_of_province' : 'in_province',
  status: 'verified',
  version: 1,
  updatedAt: STAMP,
}));

/**
 * An opening as the partition of `home` keeps it: its tier is relative to that county (the same
 * opening is in_county for its own county's partition and in_province for the others').
 */
function opening(o: number, home: number): OpeningSnapshot {
  const e = employers[o % EMPLOYERS]!;
  const occupation = codes[Math.floor(prng(o + 1)() * codes.length)]!;
  const local = e.regionCode === countyCode(home);
  const wageMin = 3000 + (o % 12) * 500;
  return {
    id: uuid(3, o),
    employerId: e.id,
    employerName: e.name,
    employerVerified: true,
    title: taxonomy.get(occupation)!.nameZh,
    occupationCode: occupation,
    category: taxonomy.get(occupation)!.category,
    requiredSkills: [
      { code: occupation, minLevel: 1 + (o % 3), certificateRequired: certifiable.has(occupation) && o % 2 === 0 },
    ],
    worksiteRegionCode: e.regionCode,
    tier: e.tier === 'out_of_province' ? 'out_of_province' : local ? 'in_county' : 'in_province',
    headcount: 5 + (o % 30),
    filledCount: 0,
    wageMin,
    wageMax: wageMin + 1500,
    benefits: { housing: o % 2 === 0, meals: o % 3 === 0, socialInsurance: o % 4 !== 0 },
    startDate: '2027-03-01',
    closingDate: '2027-06-30',
    status: 'open',
    reservedForPoor: o % 10 < 3,
    publishedAt: STAMP,
    version: 1,
    updatedAt: STAMP,
  };
}

const admin = { sub: 'bench', role: 'admin', regions: [] } as unknown as Principal;
const now = new Date('2026-12-01T08:00:00Z');
interface Timing {
  p50: number;
  p99: number;
  mean: number;
}
function time(n: number, one: (i: number) => void): Timing {
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    one(i);
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return {
    p50: t[Math.floor(n * 0.5)]!,
    p99: t[Math.min(n - 1, Math.floor(n * 0.99))]!,
    mean: t.reduce((a, b) => a + b, 0) / n,
  };
}
const fmt = (t: Timing) => `p50 ${t.p50.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms (mean ${t.mean.toFixed(2)})`;

/** A store of `workers` workers of county `home` and every opening, with the heap each part took. */
function build(workers: number, home: number, firstWorker = 0) {
  const base = heapMiB();
  const store = new MatchStore(taxonomy);
  for (const e of employers) store.putEmployer(e);
  const t0 = performance.now();
  for (let o = 0; o < OPENINGS; o++) store.putOpening(opening(o, home));
  const withOpenings = heapMiB();
  for (let i = 0; i < workers; i++) store.putWorker(worker(firstWorker + i, home));
  const seconds = (performance.now() - t0) / 1000;
  const all = heapMiB();
  return { store, openingsMiB: withOpenings - base, workersMiB: all - withOpenings, seconds };
}

function measure(store: MatchStore, label: string) {
  const ws = [...store.workers.values()];
  const os = [...store.openings.values()];
  const matches = time(REQUESTS, (i) => rankOpeningsForWorker(store, ws[(i * 7919) % ws.length]!, 20, now));
  const candidates = time(Math.min(REQUESTS, 200), (i) =>
    rankCandidatesForOpening(store, os[(i * 104_729) % os.length]!, 20, now, admin, false),
  );
  log(`${label}: matches ${fmt(matches)}; candidates ${fmt(candidates)}`);
  return { matches, candidates };
}

const rows: [string, string][] = [];
log(
  `bench:province — ${WORKERS.toLocaleString('en')} workers in ${COUNTIES} counties, ${OPENINGS.toLocaleString('en')} openings of ${EMPLOYERS} employers`,
);

// 1. Today's design: every worker in one store.
// A block, so that the store can be collected before the partition is built.
let perWorkerKiB = Number.NaN;
if (MONOLITH > 0) {
  log(`monolith: building ${MONOLITH.toLocaleString('en')} workers + ${OPENINGS.toLocaleString('en')} openings …`);
  const mono = build(MONOLITH, 0);
  perWorkerKiB = (mono.workersMiB * 1024) / MONOLITH;
  const perOpeningKiB = (mono.openingsMiB * 1024) / OPENINGS;
  const monoTimes = measure(mono.store, 'monolith');
  const monoProvinceGiB = (perWorkerKiB * WORKERS + perOpeningKiB * OPENINGS) / 1024 / 1024;
  rows.push([
    'one store, every worker (today)',
    `${MONOLITH.toLocaleString('en')} workers: ${mono.workersMiB.toFixed(0)} MiB (${perWorkerKiB.toFixed(2)} KiB/worker) + openings ${mono.openingsMiB.toFixed(0)} MiB (${perOpeningKiB.toFixed(2)} KiB/opening); built in ${mono.seconds.toFixed(1)} s`,
  ]);
  rows.push([
    `  at ${WORKERS.toLocaleString('en')} workers`,
    `${monoProvinceGiB.toFixed(2)} GiB heap per instance${MONOLITH < WORKERS ? ' (extrapolated per worker)' : ' (measured)'}, every instance; candidates scan the province`,
  ]);
  rows.push(['  matches', fmt(monoTimes.matches)]);
  rows.push([`  candidates (${MONOLITH.toLocaleString('en')} workers scanned)`, fmt(monoTimes.candidates)]);
}

// 2. The chosen design: the largest county's partition with every opening.
log(`partition: the largest, ${LARGEST.toLocaleString('en')} workers + every opening …`);
const part = build(LARGEST, 0, 5_000_000);
const partTimes = measure(part.store, 'partition');
rows.push([
  `partition by county, ${PARTITIONS} partitions (largest: ${LARGEST.toLocaleString('en')} workers)`,
  `workers ${part.workersMiB.toFixed(0)} MiB + openings ${part.openingsMiB.toFixed(0)} MiB = ${(part.workersMiB + part.openingsMiB).toFixed(0)} MiB heap; built in ${part.seconds.toFixed(1)} s`,
]);
rows.push(['  matches (worker of the county)', fmt(partTimes.matches)]);
rows.push(['  candidates (the partition’s workers)', fmt(partTimes.candidates)]);
const perWorker = Number.isNaN(perWorkerKiB) ? (part.workersMiB * 1024) / LARGEST : perWorkerKiB;
rows.push([
  `  ${PARTITIONS} partitions together`,
  `${((perWorker * WORKERS + part.openingsMiB * 1024 * PARTITIONS) / 1024 / 1024).toFixed(2)} GiB over the province (the openings held by each); with a partition per county (${COUNTIES}): ${((perWorker * WORKERS + part.openingsMiB * 1024 * COUNTIES) / 1024 / 1024).toFixed(1)} GiB`,
]);

// 3. Province-wide candidates: documents retrieved from the engine, re-ranked.
const os = [...part.store.openings.values()];
const RERANKS = Math.min(REQUESTS, 200);
// What the engine answers per opening: workers of any county holding the skill (synthesised before timing).
const retrieved = Array.from({ length: RERANKS }, (_, i) => {
  const o = os[(i * 7919) % os.length]!;
  const code = o.required[0]!.code;
  return Array.from({ length: RETRIEVE }, (_, k) => {
    const w = worker(9_000_000 + i * RETRIEVE + k, 1 + (k % (COUNTIES - 1)));
    w.skills = [{ code, level: 1 + (k % 5) }];
    return w;
  });
});
const rerank = time(RERANKS, (i) => {
  const o = os[(i * 7919) % os.length]!;
  const scratch = new MatchStore(taxonomy);
  for (const e of employers) scratch.putEmployer(e);
  scratch.putOpening(o.snap);
  for (const w of retrieved[i]!) scratch.putWorker(w);
  rankCandidatesForOpening(scratch, scratch.openings.get(o.snap.id)!, 20, now, admin, false);
});
rows.push([`province-wide candidates: re-rank ${RETRIEVE} retrieved`, `${fmt(rerank)} (plus the engine's retrieval)`]);
rows.push(['process', `RSS ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB at the end`]);

console.log(`\nbench:province — the matching store alone\n${'-'.repeat(110)}`);
for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
