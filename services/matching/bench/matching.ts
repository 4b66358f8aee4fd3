/**
 * `npm run bench:matching`: the county at scale in embedded mode (PGlite + the embedded event
 * log), the matching service in its own process behind the gateway.
 *
 * 1. Seeds 28,131 workers and 3,300 openings of 55 employers (38 in-county, 13 in-province,
 *    4 out-of-province) by writing their events straight onto the bus; the service builds its
 *    read model through its ordinary consumer, as it would from the producers.
 * 2. Measures p50/p99 latency and throughput through the gateway of worker matches,
 *    opening candidates and search, beside the gateway's /health in the same run.
 * 3. Measures the freshness lag from an opening's publication to its first appearance in a
 *    worker's matches, and reports the matching process's peak RSS (VmHWM).
 */
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPool, createTestDatabase } from '@tongxin/db';
import { type CloudEvent, EmbeddedBus, createEvent, topicForEventType } from '@tongxin/events';
import { GatewayConfig, buildGateway, ensureAccounts } from '@tongxin/gateway';
import { childrenOf } from '@tongxin/regions';
import { createLogger, loadConfig } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import pg from 'pg';
import type { EmployerSnapshot, OpeningSnapshot, Tier, WorkerSnapshot } from '../src/domain/snapshots.ts';
import { prng } from './judged-set.ts';

const WORKERS = 28_131;
const POOR = 13_290;
const EMPLOYERS: [Tier, number][] = [
  ['in_county', 38],
  ['in_province', 13],
  ['out_of_province', 4],
];
const OPENINGS = 3_300;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const FRESHNESS_SAMPLES = 40;

const rnd = prng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const now = () => new Date().toISOString();
const log = (...args: unknown[]) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)}s]`, ...args);
const t0 = performance.now();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// ---- the county ------------------------------------------------------------------------
const taxonomy = loadTaxonomy();
const codes = taxonomy.all().map((s) => s.code);
const certifiable = new Set(
  taxonomy
    .all()
    .filter((s) => s.certificate)
    .map((s) => s.code),
);
const villages = childrenOf('140723').flatMap((t) => childrenOf(t.code).map((v) => v.code));
const sites: Record<Tier, string[]> = {
  in_county: childrenOf('140723').map((t) => t.code),
  in_province: ['140105', '140106', '140702', '140721', '140902', '140802'],
  out_of_province: ['320505', '440306', '330106', '110105'],
};
const tierOrders: Tier[][] = [
  ['in_county'],
  ['in_county', 'in_province'],
  ['in_province', 'in_county'],
  ['in_county', 'in_province', 'out_of_province'],
  ['out_of_province', 'in_province', 'in_county'],
];
// The probe for freshness holds a skill no seeded opening asks for.
const PROBE_SKILL = 'cra.embroidery';
const seedCodes = codes.filter((c) => c !== PROBE_SKILL);

function makeEmployers(): EmployerSnapshot[] {
  return EMPLOYERS.flatMap(([tier, n]) =>
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      name: `${tier === 'in_county' ? '和顺' : tier === 'in_province' ? '山西' : '江苏'}用工企业${i + 1}`,
      creditCode: '91140723MA0100001X',
      industry: 'construction',
      regionCode: pick(sites[tier]).slice(0, 6),
      tier,
      status: 'verified' as const,
      version: 1,
      updatedAt: now(),
    })),
  );
}

function makeOpening(e: EmployerSnapshot, occupation = pick(seedCodes)): OpeningSnapshot {
  const related = taxonomy.related(occupation);
  const second = related.length && rnd() < 0.3 ? pick(related) : undefined;
  const wageMin = 3000 + Math.floor(rnd() * 12) * 500;
  return {
    id: randomUUID(),
    employerId: e.id,
    employerName: e.name,
    employerVerified: true,
    title: taxonomy.get(occupation)!.nameZh,
    occupationCode: occupation,
    category: taxonomy.get(occupation)!.category,
    requiredSkills: [
      {
        code: occupation,
        minLevel: 1 + Math.floor(rnd() * 3),
        certificateRequired: certifiable.has(occupation) && rnd() < 0.5,
      },
      ...(second ? [{ code: second, minLevel: 1, certificateRequired: false }] : []),
    ],
    worksiteRegionCode: pick(sites[e.tier!]),
    tier: e.tier!,
    headcount: 5 + Math.floor(rnd() * 30),
    filledCount: 0,
    wageMin,
    wageMax: wageMin + 1000 + Math.floor(rnd() * 4) * 500,
    benefits: { housing: rnd() < 0.5, meals: rnd() < 0.5, socialInsurance: rnd() < 0.7 },
    startDate: '2027-03-01',
    closingDate: '2027-06-30',
    status: 'open',
    reservedForPoor: rnd() < 0.3,
    publishedAt: now(),
    version: 1,
    updatedAt: now(),
  };
}

function makeWorker(i: number, skills?: WorkerSnapshot['skills']): WorkerSnapshot {
  const village = pick(villages);
  const n = Math.floor(rnd() * 4);
  const own = new Set<string>();
  while (own.size < n) own.add(pick(seedCodes));
  return {
    id: randomUUID(),
    name: `工人${i}`,
    gender: rnd() < 0.6 ? 'male' : 'female',
    birthYear: 1965 + Math.floor(rnd() * 40),
    homeVillageCode: village,
    townshipCode: village.slice(0, 9),
    householdStatus: i < POOR ? 'registered_poor' : rnd() < 0.05 ? 'monitored' : 'none',
    relocated: rnd() < 0.12,
    skills:
      skills ??
      [...own].map((code) => ({
        code,
        level: 1 + Math.floor(rnd() * 5),
        ...(certifiable.has(code) && rnd() < 0.5 ? { certificateNo: `C${i}` } : {}),
      })),
    tierPreferences: pick(tierOrders),
    expectedMinWage: 3000 + Math.floor(rnd() * 10) * 500,
    employmentStatus: rnd() < 0.7 ? 'seeking' : pick(['employed', 'in_training', 'not_seeking'] as const),
    unionMember: rnd() < 0.9,
    version: 1,
    updatedAt: now(),
  };
}

const SOURCE: Record<string, string> = {
  worker: '/tongxin/worker-profile',
  employer: '/tongxin/employer',
  opening: '/tongxin/employer',
};
const ev = (type: string, subject: string, data: unknown): CloudEvent =>
  createEvent({ type, source: SOURCE[type.split('.')[0]!]!, subject, data });

// ---- measuring -------------------------------------------------------------------------
interface Stats {
  p50: number;
  p99: number;
  rps: number;
  /** Ranking time inside the service (Server-Timing), when the route reports it. */
  rank?: { p50: number; p99: number };
}
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function load(base: string, token: string, paths: () => string, n = REQUESTS): Promise<Stats> {
  const latencies: number[] = [];
  const ranking: number[] = [];
  let next = 0;
  const headers = { authorization: `Bearer ${token}` };
  const run = async () => {
    while (next < n) {
      next++;
      const path = paths();
      const start = performance.now();
      const res = await fetch(base + path, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      latencies.push(performance.now() - start);
      const timing = /rank;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
      if (timing) ranking.push(Number(timing[1]));
    }
  };
  // Warm-up, not measured.
  for (let i = 0; i < 50; i++) await (await fetch(base + paths(), { headers })).arrayBuffer();
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, run));
  const wall = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  ranking.sort((a, b) => a - b);
  return {
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    rps: n / wall,
    ...(ranking.length ? { rank: { p50: quantile(ranking, 0.5), p99: quantile(ranking, 0.99) } } : {}),
  };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main() {
  const db = await createTestDatabase(process.env.BENCH_POSTGRES_URL);
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  const logFile = join(process.env.TMPDIR ?? '/tmp', `matching-bench-${process.pid}.log`);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../src/server.ts')],
    {
      env: {
        ...process.env,
        DATABASE_URL: db.connectionString,
        JWT_SECRET: secret,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        KAFKA_BROKERS: '',
        MEILI_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const out = createWriteStream(logFile);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const matchingUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`matching exited; see ${logFile}`);
      const ok = await fetch(`${matchingUrl}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 600) throw new Error('matching did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`matching started as pid ${child.pid} (log: ${logFile})`);
    await ensureAccounts(db.connectionString, [
      { username: 'admin', password: 'Tongxin#2026', role: 'admin', displayName: 'admin' },
    ]);
    const gatewayConfig = loadConfig(GatewayConfig, {
      DATABASE_URL: db.connectionString,
      JWT_SECRET: secret,
      PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '100000000',
      MATCHING_URL: matchingUrl,
    });
    const gateway = await buildGateway(gatewayConfig, createLogger('gateway', 'silent'));
    const base = await gateway.listen({ host: '127.0.0.1', port: 0 });
    const token = (
      (await (
        await fetch(`${base}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'Tongxin#2026' }),
        })
      ).json()) as { accessToken: string }
    ).accessToken;

    // ---- seed through the bus ----
    const busPool = createPool(db.connectionString, { max: 2, applicationName: 'bench-bus' });
    const bus = new EmbeddedBus({ pool: busPool, logger: createLogger('bench-bus', 'silent') });
    await bus.connect();
    const publish = async (events: CloudEvent[]) => {
      for (let i = 0; i < events.length; i += 500) {
        await bus.publish(
          events
            .slice(i, i + 500)
            .map((event) => ({ topic: topicForEventType(event.type), key: event.subject, event })),
        );
      }
    };
    const employers = makeEmployers();
    const openings = Array.from({ length: OPENINGS }, (_, i) => makeOpening(employers[i % employers.length]!));
    const workers = Array.from({ length: WORKERS - 1 }, (_, i) => makeWorker(i));
    const probe = makeWorker(WORKERS, [{ code: PROBE_SKILL, level: 3 }]);
    probe.tierPreferences = ['in_county'];
    workers.push(probe);
    const seedStart = performance.now();
    await publish(employers.map((e) => ev('employer.verified', e.id, { employer: e })));
    await publish(openings.map((o) => ev('opening.published', o.id, { opening: o })));
    await publish(workers.map((w) => ev('worker.registered', w.id, { worker: w })));
    log(
      `published ${employers.length + openings.length + workers.length} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    const counter = new pg.Client({ connectionString: db.connectionString });
    await counter.connect();
    for (;;) {
      const r = await counter.query<{ w: number; o: number }>(
        'SELECT (SELECT count(*)::int FROM matching.workers) AS w, (SELECT count(*)::int FROM matching.openings) AS o',
      );
      const { w, o } = r.rows[0]!;
      if (w === WORKERS && o === OPENINGS) break;
      log(`read model: ${o}/${OPENINGS} openings, ${w}/${WORKERS} workers`);
      await new Promise((r) => setTimeout(r, 5000));
    }
    await counter.end();
    const seedSeconds = (performance.now() - seedStart) / 1000;
    log(
      `read model complete: ${OPENINGS} openings, ${WORKERS} workers in ${seedSeconds.toFixed(1)} s (${Math.round((employers.length + OPENINGS + WORKERS) / seedSeconds)} events/s through the consumer)`,
    );
    // The search index is fed in the background: wait until it has every opening.
    for (;;) {
      const r = (await (await fetch(`${base}/api/v1/search/openings?limit=1`)).json()) as { total: number };
      if (r.total === OPENINGS) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    // ---- latency ----
    const seeking = workers.filter((w) => w.employmentStatus === 'seeking' && w.skills.length > 0);
    const queries = [
      '电焊',
      '挖机',
      'wajueji',
      '厨师',
      '司机',
      'excavatr',
      '保洁',
      'dianhangong',
      '月嫂',
      '叉车 苏州',
      '',
      '普工',
    ];
    const filters = ['', '&tier=in_county', '&housing=true', '&wageMin=6000', '&category=construction'];
    const results: [string, Stats][] = [];
    results.push(['GET /health (gateway, trivial)', await load(base, token, () => '/health')]);
    results.push([
      'GET /workers/{id}/matches?limit=20',
      await load(base, token, () => `/api/v1/workers/${pick(seeking).id}/matches?limit=20`),
    ]);
    results.push([
      'GET /openings/{id}/candidates?limit=20',
      await load(base, token, () => `/api/v1/openings/${pick(openings).id}/candidates?limit=20`),
    ]);
    results.push([
      'GET /search/openings?q=…',
      await load(
        base,
        token,
        () => `/api/v1/search/openings?q=${encodeURIComponent(pick(queries))}${pick(filters)}&limit=20`,
      ),
    ]);

    // ---- freshness ----
    const lags: number[] = [];
    const county = employers[0]!;
    for (let i = 0; i < FRESHNESS_SAMPLES; i++) {
      const o = {
        ...makeOpening(county, PROBE_SKILL),
        requiredSkills: [{ code: PROBE_SKILL, minLevel: 1, certificateRequired: false }],
        reservedForPoor: false,
        publishedAt: now(),
      };
      const start = performance.now();
      await publish([ev('opening.published', o.id, { opening: o })]);
      for (;;) {
        const r = (await (
          await fetch(`${base}/api/v1/workers/${probe.id}/matches?limit=100`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).json()) as { items: { openingId: string }[] };
        if (r.items.some((x) => x.openingId === o.id)) break;
        if (performance.now() - start > 15_000) throw new Error('opening never appeared');
        await new Promise((r) => setTimeout(r, 5));
      }
      lags.push(performance.now() - start);
    }
    lags.sort((a, b) => a - b);
    const rss = peakRss(child.pid!);

    console.log('');
    console.log(
      `bench:matching — embedded mode (PGlite + embedded event log), matching in its own process, ${CONCURRENCY} concurrent clients, ${REQUESTS} requests per route`,
    );
    console.log(
      `seeded: ${WORKERS} workers (${POOR} registered-poor), ${OPENINGS} openings from ${employers.length} employers (38 in-county, 13 in-province, 4 out-of-province): read model built in ${seedSeconds.toFixed(1)} s`,
    );
    console.log('route (through the gateway)                p50 ms    p99 ms    req/s   ranking in service p50/p99 ms');
    for (const [name, s] of results) {
      const rank = s.rank ? `${s.rank.p50.toFixed(2)} / ${s.rank.p99.toFixed(2)}` : '';
      console.log(
        `${name.padEnd(42)} ${s.p50.toFixed(2).padStart(7)}  ${s.p99.toFixed(2).padStart(8)}  ${s.rps.toFixed(0).padStart(7)}   ${rank}`,
      );
    }
    console.log(
      `machine load average during the run: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(
      `freshness (opening.published → first in matches), ${FRESHNESS_SAMPLES} samples: p50 ${quantile(lags, 0.5).toFixed(0)} ms, p99 ${quantile(lags, 0.99).toFixed(0)} ms`,
    );
    console.log(`matching peak RSS (VmHWM): ${rss.toFixed(0)} MiB`);
    const m = results[1]![1];
    const c = results[2]![1];
    console.log(
      `targets: matches p99 ≤ 30 ms ${m.p99 <= 30 ? 'met' : 'MISSED'}; candidates p99 ≤ 60 ms ${c.p99 <= 60 ? 'met' : 'MISSED'}; ` +
        `freshness p99 ≤ 1 s ${quantile(lags, 0.99) <= 1000 ? 'met' : 'MISSED'}; peak RSS ≤ 1 GiB ${rss <= 1024 ? 'met' : 'MISSED'}`,
    );
    await bus.close();
    await busPool.end();
    await gateway.close();
  } finally {
    await stop();
    await db.drop();
  }
}

await main();
