/**
 * npm run bench:county [-- --data-dir DIR --requests N --concurrency N --freshness N --registrations N]
 *
 * The read routes at the county's size (issue 16 item 4), on the `heshun` data: `npm start`'s
 * launcher (every service its own process, embedded database and log) on DIR, seeded with
 * TONGXIN_SEED=heshun unless it already is (the seed resumes; TONGXIN_SEED_SCALE passes through
 * for development). Once the dashboard shows every worker, measures beside GET /health in the same
 * run: a worker's matches, an opening's candidates, search with facets, the dashboard, the
 * coverage list, a township's registry export; then an opening published → in a worker's matches
 * while registrations continue at 100/s, and the dashboard again while they do (its figures are
 * kept only while placement is unchanged); registration at full speed, with each process's CPU per
 * registration; and every process's resident memory. Each figure is
 * printed beside its target.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeIdNumber } from '@tongxin/cn-codes';
import { ApiClient, DEMO_PASSWORD } from '@tongxin/test-harness';
import { heshunPlan, scaleFromEnv } from '../infra/embedded/heshun-plan.ts';
import { childPids, commandOf, launch } from '../tests/support/launcher.ts';
import { type RunResult, percentile, rate, runConcurrently } from './lib/concurrent.ts';
import { BENCH_PEOPLE, benchRegistration } from './lib/registration.ts';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data-heshun' },
    // 5,000 a route: at 1,000 a route was measured for under a second, while the JIT was still
    // compiling it, and matches went from 0.27 to 0.37 × /health between the two on the same county.
    requests: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '16' },
    freshness: { type: 'string', default: '40' },
    registrations: { type: 'string', default: '3000' },
    'seed-timeout-min': { type: 'string', default: '180' },
  },
});
const dataDir = resolve(args['data-dir']!);
const N = Number(args.requests);
const C = Number(args.concurrency);
const FRESHNESS = Number(args.freshness);
const plan = heshunPlan(scaleFromEnv());
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const R = Number(args.registrations);

/** The launcher's process and its descendants: name, CPU ticks so far (user + system), resident memory. */
function processes(root: number): { pid: number; name: string; ticks: number; rssKiB: number }[] {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const out: { pid: number; name: string; ticks: number; rssKiB: number }[] = [];
  const walk = (pid: number) => {
    const cmd = commandOf(pid);
    const name =
      /services\/([a-z-]+)\/src\/server\.ts/.exec(cmd)?.[1] ??
      (/start\.ts/.test(cmd) ? 'launcher + PGlite' : cmd.split(' ')[0]!.split('/').pop()!);
    // Fields 14 and 15 of stat, counted after the command's closing parenthesis.
    const stat = read(`/proc/${pid}/stat`).split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(stat[11] ?? 0) + Number(stat[12] ?? 0);
    out.push({ pid, name, ticks, rssKiB: Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) });
    for (const c of childPids(pid)) walk(c);
  };
  walk(root);
  return out;
}

await mkdir(dataDir, { recursive: true });
const seededBefore = await readFile(resolve(dataDir, 'seed-state-heshun.json'), 'utf8').then(
  () => true,
  () => false,
);
log(`bench:county on ${dataDir} (${seededBefore ? 'seeded before: resuming or reusing' : 'seeding the county first'})`);
const seedT0 = performance.now();
const county = await launch(
  {
    TONGXIN_DATA_DIR: dataDir,
    TONGXIN_SEED: 'heshun',
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '100000000',
  },
  Number(args['seed-timeout-min']) * 60_000,
);
const seedSeconds = (performance.now() - seedT0) / 1000;
const rows: [string, string, string][] = [];
try {
  // Set-up calls wait out a 429 or 503 (the reads just measured may leave the gateway shedding), as the
  // seed does; the measured requests go through fetch and count every answer.
  const api = new ApiClient(county.url, true);
  const admin = (await api.post('/api/v1/auth/token', { username: 'admin', password: DEMO_PASSWORD })).body
    .accessToken as string;

  // Caught up: the dashboard counts every worker the seed registered.
  for (let last = 0; ;) {
    const d = await api.get('/api/v1/dashboard', admin);
    if (d.status === 200 && d.body.workers.registered >= plan.figures.workers) break;
    if (performance.now() - last > 10_000) {
      last = performance.now();
      log(`waiting for placement: ${d.body?.workers?.registered ?? '?'} of ${plan.figures.workers} workers known`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const village = plan.villages[0]!.code;
  const workerIds: string[] = [];
  for (const v of plan.villages.slice(0, 20)) {
    const r = await api.get(`/api/v1/workers?village=${v.code}&limit=100`, admin);
    workerIds.push(...(r.body.items as { id: string }[]).map((w) => w.id));
  }
  const openingIds = (await api.get('/api/v1/openings?limit=100', admin)).body.items.map((o: { id: string }) => o.id);
  log(`${workerIds.length} workers and ${openingIds.length} openings to ask about`);

  // Every route is asked as /health is: the body read, after a warm-up of its own (the JIT compiles a
  // route's code on its first few hundred requests; /health alone was measured warm before).
  const ask = async (path: string, token?: string) => {
    const r = await fetch(`${county.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    await r.arrayBuffer();
    return r.ok;
  };
  const health = () => runConcurrently(N * 2, C, () => ask('/health'));
  await health(); // warm-up
  const h1 = await health();
  const get = async (path: (i: number) => string, n = N, c = C) => {
    await runConcurrently(Math.ceil(n / 5), c, (i) => ask(path(n + i), admin));
    return runConcurrently(n, c, (i) => ask(path(i), admin));
  };
  const QUERIES = ['焊工', '电工', '家政', '厨师', 'hangong', '叉车', '保洁', '瓦工'];
  const matches = await get((i) => `/api/v1/workers/${workerIds[i % workerIds.length]}/matches?limit=20`);
  const candidates = await get((i) => `/api/v1/openings/${openingIds[i % openingIds.length]}/candidates?limit=20`);
  const search = await get(
    (i) =>
      `/api/v1/search/openings?q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}${i % 2 ? '&tier=in_county' : ''}`,
  );
  const dashboard = await get(() => '/api/v1/dashboard', Math.max(20, N / 10));
  const coverage = await get((i) => `/api/v1/coverage${i % 2 ? '?township=140723100' : ''}`, Math.max(20, N / 10));
  // One clerk's export at a time: ten at once of the same 3,000 rows is no one's day, and only measures a queue.
  const exports = await get(() => `/api/v1/ledgers/registry/export?township=${village.slice(0, 9)}`, 5, 1);
  const h2 = await health();
  const healthRate = (rate(h1) + rate(h2)) / 2;
  // The read figures go in now: the table printed at the end has them even if the freshness phase fails.
  const x = (r: RunResult) => rate(r) / healthRate;
  const line = (name: string, r: RunResult, target: string) =>
    rows.push([
      name,
      `${rate(r).toFixed(0)} req/s (${x(r).toFixed(2)} × /health), p50 ${percentile(r, 50).toFixed(1)} ms, p99 ${percentile(r, 99).toFixed(1)} ms${r.failed ? `, failed ${r.failed}` : ''}`,
      target,
    ]);
  rows.push([
    'county',
    `scale ${plan.scale}: ${plan.figures.workers} workers, ${plan.villages.length} villages; ${seededBefore ? 'reused' : `seeded + up in ${seedSeconds.toFixed(0)} s`}; concurrency ${C}`,
    '',
  ]);
  rows.push([
    'GET /health',
    `${rate(h1).toFixed(0)} req/s before, ${rate(h2).toFixed(0)} after, p99 ${percentile(h1, 99).toFixed(1)} ms`,
    '(reference)',
  ]);
  line('GET /workers/{id}/matches', matches, '≥ 0.30 × /health, p99 ≤ 30 ms');
  line('GET /openings/{id}/candidates', candidates, 'p99 ≤ 60 ms');
  line('GET /search/openings (facets)', search, '≥ 0.30 × /health, p99 ≤ 30 ms');
  line('GET /dashboard', dashboard, 'p99 ≤ 100 ms');
  line('GET /coverage', coverage, '(no target)');
  line('GET /ledgers/registry/export', exports, '(no target; one township)');

  // Freshness: openings of a skill nobody else has, each timed into a probe worker's matches,
  // while registrations go on at 100/s.
  const probe = await api.post(
    '/api/v1/workers',
    {
      name: '探针',
      gender: 'female',
      birthDate: '1990-05-05',
      // An even sequence: the ID number says female, as `gender` does.
      idNumber: makeIdNumber({ regionCode: '140724', birthDate: '1990-05-05', sequence: 2 * (Date.now() % 500) }),
      phone: `136${String(Date.now()).slice(-8)}`,
      homeVillageCode: village,
      householdStatus: 'none',
      relocated: false,
      skills: [{ code: 'cra.embroidery', level: 3 }],
      tierPreferences: ['in_county', 'in_province', 'out_of_province'],
      employmentStatus: 'seeking',
      consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
    },
    admin,
  );
  // 409 with its id: a probe of an earlier run on this data directory.
  const probeId = (probe.body.id ?? probe.body.existingId) as string | undefined;
  if (!probeId) throw new Error(`probe worker not registered: ${probe.status} ${JSON.stringify(probe.body)}`);
  const employers = (await api.get('/api/v1/employers?limit=5', admin)).body.items as { id: string }[];
  for (let t = 0, last; (last = await api.get(`/api/v1/workers/${probeId}/matches`, admin)).status !== 200; t++) {
    if (t > 600)
      throw new Error(`probe worker unknown to matching after 60 s: ${last.status} ${JSON.stringify(last.body)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // Registered into a village of another township than the one exported: runs on one data directory
  // would otherwise grow the export they measure by every run's registrations.
  const registrationVillage = plan.villages.find((v) => v.townshipCode !== village.slice(0, 9))!.code;
  const registration = (region: string, n: number, name: string) =>
    benchRegistration(region, n, registrationVillage, name);
  let registering = true;
  let registered = 0;
  // Offered at 100/s but never more than a second's worth waiting: a county that registers fewer a second
  // sheds the rest (counted) instead of queueing without end behind every other request.
  let inFlight = 0;
  let shed = 0;
  // A random start: runs on one data directory seldom register the same person twice.
  const stamp = Math.floor(Math.random() * (BENCH_PEOPLE - 200_000));
  const registrar = (async () => {
    const t0 = performance.now();
    for (let i = 0; registering; i++) {
      // 100/s: the i-th registration starts no sooner than i × 10 ms after the first.
      const wait = t0 + i * 10 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= 100) {
        shed++;
        continue;
      }
      inFlight++;
      void api
        .post('/api/v1/workers', registration('140721', stamp + i, `登记${i}`), admin)
        .then(
          (r) => {
            if (r.status === 201) registered++;
          },
          () => undefined,
        )
        .finally(() => inFlight--);
    }
    return (performance.now() - t0) / 1000;
  })();
  const lags: number[] = [];
  const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);
  for (let k = 0; k < FRESHNESS; k++) {
    const created = await api.post(
      '/api/v1/openings',
      {
        employerId: employers[k % employers.length]!.id,
        title: `刺绣工${k}`,
        occupationCode: 'cra.embroidery',
        requiredSkills: [{ code: 'cra.embroidery', minLevel: 1, certificateRequired: false }],
        worksiteRegionCode: village,
        headcount: 1,
        wageMin: 4000,
        wageMax: 6000,
        startDate: inDays(10),
        closingDate: inDays(40),
        reservedForPoor: false,
        status: 'open',
      },
      admin,
    );
    const t0 = performance.now();
    const id = created.body.id as string;
    for (;;) {
      const m = await api.get(`/api/v1/workers/${probeId}/matches?limit=100`, admin);
      if (m.status === 200 && (m.body.items as { openingId: string }[]).some((x) => x.openingId === id)) break;
      if (performance.now() - t0 > 60_000) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    lags.push(performance.now() - t0);
    await api.request('PATCH', `/api/v1/openings/${id}`, { token: admin, body: { status: 'closed' } });
  }
  // The dashboard while placement is written all the time: its figures are kept only while nothing has
  // been written (ADR 0019), so here each run computes.
  const busyDashboard = await get(() => '/api/v1/dashboard', Math.max(20, N / 20));
  registering = false;
  const registrationSeconds = await registrar;
  lags.sort((a, b) => a - b);
  const fresh: RunResult = { count: lags.length, failed: 0, seconds: 1, latencies: lags };

  // Registration as fast as C officers' clients can go (issue 16: ≥ 300/s), and what it costs each process.
  const cpuBefore = processes(county.process.pid!);
  const registrations = await runConcurrently(R, C, async (i) => {
    const r = await fetch(`${county.url}/api/v1/workers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(registration('140722', stamp + i, `快登${i}`)),
    });
    await r.arrayBuffer();
    return r.status === 201;
  });
  const cpu = processes(county.process.pid!).map((p) => {
    const ticks = p.ticks - (cpuBefore.find((b) => b.pid === p.pid)?.ticks ?? p.ticks);
    return `${p.name} ${((ticks * 10) / R).toFixed(2)}`;
  });

  // Resident memory of every process: the launcher, the database it serves, each service.
  const memory: [string, number][] = processes(county.process.pid!).flatMap((p) =>
    p.rssKiB ? [[p.name, p.rssKiB / 1024]] : [],
  );
  const totalMiB = memory.reduce((n, [, m]) => n + m, 0);

  rows.push([
    'opening → worker matches',
    `p50 ${percentile(fresh, 50).toFixed(0)} ms, p99 ${percentile(fresh, 99).toFixed(0)} ms over ${lags.length} openings; ${registered} registered meanwhile (${(registered / registrationSeconds).toFixed(0)}/s of 100/s offered, ${shed} shed)`,
    'p99 ≤ 1 s at 100 registrations/s',
  ]);
  line('GET /dashboard, registering meanwhile', busyDashboard, '(no target: every run computes)');
  rows.push([
    `POST /workers, ${R} at once by ${C}`,
    `${rate(registrations).toFixed(0)} workers/s, p50 ${percentile(registrations, 50).toFixed(0)} ms, p99 ${percentile(registrations, 99).toFixed(0)} ms${registrations.failed ? `, failed ${registrations.failed}` : ''}`,
    '≥ 300/s',
  ]);
  rows.push(['  CPU ms per registration', cpu.join(', '), '']);
  for (const [name, mib] of memory) rows.push([`  RSS ${name}`, `${mib.toFixed(0)} MiB`, '']);
  rows.push(['RSS all processes', `${(totalMiB / 1024).toFixed(2)} GiB`, '≤ 3 GiB']);
} finally {
  console.log(`\nbench:county — embedded mode, ${new Date().toISOString()}\n${'-'.repeat(120)}`);
  for (const [k, v, t] of rows) console.log(`${k.padEnd(34)} ${v.padEnd(90)} ${t ? `[target ${t}]` : ''}`);
  await county.stop();
}
process.exit(0);
