/**
 * npm run bench:pipeline [-- --workers N --employers N --openings N --import-rows N --concurrency N]
 *
 * The event pipeline at a chosen size (issue 16): the five services and the gateway started in this
 * process as the test harness starts them (embedded database and bus by default;
 * TONGXIN_BENCH_POSTGRES_URL and TONGXIN_BENCH_KAFKA=1 switch to PostgreSQL and Kafka as the tests'
 * TONGXIN_TEST_* do). Measures: registration through the gateway beside GET /health; the share of
 * non-2xx GET /workers/{id}/matches during the bulk registration; a registry import's answer time and
 * the time until matching, placement and training know all its workers (their groups' lag on the
 * worker topic, from /ready, at 0 with worker-profile's outbox drained) and each consumer's events/s;
 * then matches, candidates and search once caught up; the process's resident memory.
 * Full size: --workers 28131 --employers 55 --openings 3300 (import 4,991 rows of them).
 *
 * Every service, the gateway, the client and (embedded) the database share this one process and its
 * one thread, so registration here is far below what `npm start` (a process each) does: bench:county
 * measures that against the 300/s target.
 */
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { makeCreditCode, makeIdNumber } from '@tongxin/cn-codes';
import { TOPICS } from '@tongxin/events';
import { type ServiceName, type Stack, startStack, stackBus } from '@tongxin/test-harness';
import pg from 'pg';
import { type RunResult, percentile, rate, runConcurrently } from './lib/concurrent.ts';
import { importSheet } from '../infra/embedded/heshun-sheets.ts';
import { registrySheet } from '../services/worker-profile/test/helpers/registry-sheet.ts';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '3000' },
    employers: { type: 'string', default: '10' },
    openings: { type: 'string', default: '300' },
    'import-rows': { type: 'string' },
    concurrency: { type: 'string', default: '16' },
    'read-requests': { type: 'string', default: '2000' },
  },
});
const WORKERS = Number(args.workers);
const EMPLOYERS = Number(args.employers);
const OPENINGS = Number(args.openings);
const IMPORT_ROWS = Number(args['import-rows'] ?? Math.min(4991, Math.round(WORKERS / 5.6)));
// --workers is the whole county: those not imported are registered one by one (none when the import is larger).
const REGISTERED = Math.max(0, WORKERS - IMPORT_ROWS);
const N = Number(args.concurrency);
const READS = Number(args['read-requests']);
const CONSUMERS: ServiceName[] = ['matching', 'placement', 'training'];
const mode = `${process.env.TONGXIN_BENCH_POSTGRES_URL ? 'postgres' : 'embedded-db'}+${process.env.TONGXIN_BENCH_KAFKA === '1' ? 'kafka' : 'embedded-bus'}`;

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

type Result = RunResult;
const run = runConcurrently;
const pct = percentile;

const stack: Stack = await startStack({
  services: ['worker-profile', 'employer', 'matching', 'training', 'placement'],
  env: {
    ...(process.env.TONGXIN_BENCH_POSTGRES_URL ? { postgresUrl: process.env.TONGXIN_BENCH_POSTGRES_URL } : {}),
    kafka: process.env.TONGXIN_BENCH_KAFKA === '1',
    chromium: false,
  },
  settings: { RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'error' },
});
const bus = await stackBus(stack.settings, 'bench-pipeline');
const db = new pg.Client({ connectionString: stack.db.connectionString });
await db.connect();

const serviceUrl = (name: ServiceName) =>
  `http://127.0.0.1:${(stack.services[name]!.server.address() as AddressInfo).port}`;
/** Events on the worker topic not yet handled by any of a service's groups that read it. */
async function behind(name: ServiceName): Promise<number> {
  const body = (await (await fetch(`${serviceUrl(name)}/ready`)).json()) as {
    details?: { consumers?: { topic: string; events: number }[] };
  };
  const onTopic = (body.details?.consumers ?? []).filter((c) => c.topic === TOPICS.worker);
  // A /ready that answered without its details (a check timed out under load) is not "caught up".
  if (onTopic.length === 0) return Number.POSITIVE_INFINITY;
  return onTopic.reduce((n, c) => n + c.events, 0);
}
const unpublished = async () =>
  Number((await db.query('SELECT count(*) AS n FROM worker_profile.outbox WHERE published_at IS NULL')).rows[0].n);
/** Every message the worker topic holds: the lag of a group that never reads. */
const topicSize = async () => (await bus.bus.lag('bench.never-reads', [TOPICS.worker]))[0]!.events;

/** Polls until each consumer service has nothing left on the worker topic; seconds from `t0` per service. */
async function caughtUp(t0: number, label: string): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  let lastLog = 0;
  for (;;) {
    const outbox = await unpublished();
    const lags = await Promise.all(CONSUMERS.map(behind));
    const now = performance.now();
    CONSUMERS.forEach((c, i) => {
      if (done[c] === undefined && outbox === 0 && lags[i] === 0) done[c] = (now - t0) / 1000;
    });
    if (Object.keys(done).length === CONSUMERS.length) return done;
    if (now - lastLog > 5000) {
      lastLog = now;
      log(`${label}: outbox ${outbox} unpublished; behind — ${CONSUMERS.map((c, i) => `${c} ${lags[i]}`).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const skills = ['con.welder', 'con.electrician', 'mfg.operator', 'con.bricklayer'];
const workerBody = (i: number) => {
  const day = Math.floor(i / 1000);
  const birthDate = `${1970 + (day % 30)}-${String(1 + (day % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
  const sequence = i % 1000;
  return {
    name: `测试${i}`,
    gender: sequence % 2 ? 'male' : 'female',
    birthDate,
    // Born in 昔阳县: apart from the import sheet's 和顺县 ID numbers.
    idNumber: makeIdNumber({ regionCode: '140724', birthDate, sequence }),
    phone: `137${String(i).padStart(8, '0')}`,
    homeVillageCode: '140723100236',
    householdStatus: i % 2 ? 'registered_poor' : 'none',
    relocated: i % 3 === 0,
    skills: [{ code: skills[i % skills.length], level: 1 + (i % 5) }],
    tierPreferences: ['in_county', 'in_province'],
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
  };
};
const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

const rows: [string, string][] = [];
const api = stack.api;
const admin = await stack.login('admin');
/** A registry import as the clerks' portal makes it: the job polled when the answer takes long. */
const importRegistry = (body: Buffer) => importSheet({ api, admin }, 'registry', body, 'bench import');

try {
  log(
    `bench:pipeline (${mode}): ${WORKERS} workers (${REGISTERED} registered one by one, ${IMPORT_ROWS} imported), ${EMPLOYERS} employers, ${OPENINGS} openings, concurrency ${N}`,
  );

  // Employers and openings through the API.
  const employerIds: string[] = [];
  for (let e = 0; e < EMPLOYERS; e++) {
    const r = await api.post(
      '/api/v1/employers',
      {
        name: `和顺县测试企业${e}有限公司`,
        creditCode: makeCreditCode(`91140723MA${String(1_000_000 + e).padStart(7, '0')}`),
        industry: e % 2 ? 'construction' : 'manufacturing',
        regionCode: '140723100',
        contact: { name: '王经理', phone: `1393540${String(e).padStart(4, '0')}` },
      },
      admin,
    );
    if (r.status !== 201) throw new Error(`employer ${e}: ${r.status} ${JSON.stringify(r.body)}`);
    await api.post(`/api/v1/employers/${r.body.id}/verify`, undefined, admin);
    employerIds.push(r.body.id as string);
  }
  const openingIds: string[] = [];
  const openings = await run(OPENINGS, N, async (o) => {
    const r = await api.post(
      '/api/v1/openings',
      {
        employerId: employerIds[o % EMPLOYERS],
        title: '电焊工',
        occupationCode: skills[o % skills.length],
        requiredSkills: [{ code: skills[o % skills.length], minLevel: 1 + (o % 3), certificateRequired: false }],
        worksiteRegionCode: '140723100236',
        headcount: 1 + (o % 5),
        wageMin: 4000 + (o % 10) * 200,
        wageMax: 8000,
        startDate: inDays(10),
        closingDate: inDays(40),
        reservedForPoor: false,
        status: 'open',
      },
      admin,
    );
    if (r.status === 201) openingIds.push(r.body.id as string);
    return r.status === 201;
  });
  log(
    `${openingIds.length} openings of ${EMPLOYERS} employers in ${openings.seconds.toFixed(1)} s (${openings.failed} refused)`,
  );

  // /health, then the bulk registration with matches asked for meanwhile.
  await run(200, N, async () => (await fetch(`${api.baseUrl}/health`)).ok);
  const health = await run(
    Math.max(2000, Math.min(REGISTERED, 10_000)),
    N,
    async () => (await fetch(`${api.baseUrl}/health`)).ok,
  );
  const ids: string[] = [];
  let registering = true;
  const probe = { asked: 0, ok: 0, notYetKnown: 0, notFound: 0, other: 0 };
  const prober = (async () => {
    while (registering) {
      if (ids.length === 0) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const id = ids[Math.floor(Math.random() * ids.length)]!;
      const r = await fetch(`${api.baseUrl}/api/v1/workers/${id}/matches?limit=5`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      await r.arrayBuffer();
      probe.asked++;
      if (r.ok) probe.ok++;
      else if (r.status === 503) probe.notYetKnown++;
      else if (r.status === 404) probe.notFound++;
      else probe.other++;
    }
  })();
  const ticker = setInterval(
    () =>
      log(`registered ${ids.length}/${REGISTERED}; matches asked ${probe.asked}, non-2xx ${probe.asked - probe.ok}`),
    5000,
  );
  const refusals = new Map<string, number>();
  const regT0 = performance.now();
  const reg = await run(REGISTERED, N, async (i) => {
    const r = await api.post('/api/v1/workers', workerBody(i), admin);
    if (r.status === 201) ids.push(r.body.id as string);
    else
      refusals.set(`${r.status} ${r.body?.code ?? ''}`, (refusals.get(`${r.status} ${r.body?.code ?? ''}`) ?? 0) + 1);
    return r.status === 201;
  });
  registering = false;
  clearInterval(ticker);
  await prober;
  const regDrain = await caughtUp(regT0, 'registration backlog');
  const regDrainAfter = Math.max(...Object.values(regDrain)) - reg.seconds;

  // The registry import, and the time until each consumer knows its workers.
  const sheet = await registrySheet({ rows: IMPORT_ROWS, seed: 11, township: '140723100' });
  const before = await topicSize();
  log(`import: ${IMPORT_ROWS} rows (${(sheet.body.length / 1024 / 1024).toFixed(1)} MB xlsx)`);
  const impT0 = performance.now();
  const imp = await importRegistry(sheet.body);
  const impAnswer = (performance.now() - impT0) / 1000;
  log(`import done in ${impAnswer.toFixed(1)} s (created ${imp.created})`);
  // Nobody registered one by one: the read routes below ask about imported workers.
  if (ids.length === 0) {
    ids.push(...((await api.get('/api/v1/workers?limit=100', admin)).body.items as { id: string }[]).map((w) => w.id));
  }
  // What each consumer still had to do when the import answered: its rate from there on is its own,
  // not bounded by how fast the import produced events.
  const outstanding = await Promise.all(CONSUMERS.map(behind));
  const known = await caughtUp(impT0, 'import');
  const importEvents = (await topicSize()) - before;

  // Each consumer's own rate: its group held back during a second import, then let go alone.
  const held: Record<string, string> = { matching: 'read-model', placement: 'workers', training: 'workers' };
  const groupBehind = async (c: ServiceName) => {
    const lags = (await stack.services[c]!.serviceRuntime!.consumerLag(0)).filter(
      (l) => l.consumer === held[c] && l.topic === TOPICS.worker,
    );
    return lags.reduce((n, l) => n + l.events, 0);
  };
  for (const c of CONSUMERS) await stack.services[c]!.serviceRuntime!.pauseConsumer(held[c]!);
  const second = await registrySheet({ rows: IMPORT_ROWS, seed: 12, township: '140723100' });
  await importRegistry(second.body);
  while ((await unpublished()) > 0) await new Promise((r) => setTimeout(r, 100));
  const alone: Record<string, { events: number; seconds: number }> = {};
  for (const c of CONSUMERS) {
    const events = await groupBehind(c);
    const t0 = performance.now();
    await stack.services[c]!.serviceRuntime!.resumeConsumer(held[c]!);
    while ((await groupBehind(c)) > 0) await new Promise((r) => setTimeout(r, 50));
    alone[c] = { events, seconds: (performance.now() - t0) / 1000 };
    log(`${c} alone: ${events} events in ${alone[c].seconds.toFixed(1)} s`);
  }

  // Caught up: the read routes.
  const matches = await run(
    READS,
    N,
    async (i) => (await api.get(`/api/v1/workers/${ids[i % ids.length]}/matches?limit=20`, admin)).status === 200,
  );
  const candidates = await run(
    READS,
    N,
    async (i) =>
      (await api.get(`/api/v1/openings/${openingIds[i % openingIds.length]}/candidates?limit=20`, admin)).status ===
      200,
  );
  const search = await run(
    READS,
    N,
    async (i) =>
      (
        await api.get(
          `/api/v1/search/openings?q=${encodeURIComponent(['焊工', '电工', '瓦工', '操作工'][i % 4]!)}`,
          admin,
        )
      ).status === 200,
  );
  const health2 = await run(READS, N, async () => (await fetch(`${api.baseUrl}/health`)).ok);
  const healthRate = (rate(health) + rate(health2)) / 2;
  const rss = process.memoryUsage().rss / 1024 / 1024;

  const reads = (name: string, r: Result) =>
    rows.push([
      `${name} (caught up)`,
      `${rate(r).toFixed(0)} req/s (${(rate(r) / healthRate).toFixed(2)} × /health), p50 ${pct(r, 50).toFixed(1)} ms, p99 ${pct(r, 99).toFixed(1)} ms, failed ${r.failed}`,
    ]);
  rows.push([
    'mode / size',
    `${mode}; ${WORKERS} workers (${REGISTERED} via POST, ${IMPORT_ROWS} imported), ${EMPLOYERS} employers, ${openingIds.length} openings; concurrency ${N}`,
  ]);
  rows.push([
    'GET /health',
    `${rate(health).toFixed(0)} req/s before, ${rate(health2).toFixed(0)} after; p99 ${pct(health, 99).toFixed(1)} ms`,
  ]);
  rows.push([
    'POST /api/v1/workers',
    REGISTERED === 0
      ? 'none registered one by one: --import-rows covers --workers   [target ≥ 300/s, as npm start runs: bench:county]'
      : `${rate(reg).toFixed(0)} workers/s (${(rate(reg) / rate(health)).toFixed(3)} × /health), p50 ${pct(reg, 50).toFixed(1)} ms, p99 ${pct(reg, 99).toFixed(1)} ms, failed ${reg.failed}${refusals.size ? ` (${[...refusals].map(([k, n]) => `${k}: ${n}`).join(', ')})` : ''}   [target ≥ 300/s, as npm start runs: bench:county]`,
  ]);
  rows.push([
    'consumers caught up after registration',
    `${regDrainAfter.toFixed(1)} s after the last registration answered`,
  ]);
  rows.push([
    'matches during registration',
    `${probe.asked} asked: ${(((probe.asked - probe.ok) / Math.max(1, probe.asked)) * 100).toFixed(1)} % non-2xx (503 MATCHING_NOT_YET_KNOWN ${probe.notYetKnown}, 404 ${probe.notFound}, other ${probe.other})`,
  ]);
  rows.push([
    `import ${IMPORT_ROWS} rows`,
    `done in ${impAnswer.toFixed(1)} s (its report, or its job's once the answer took long), ${importEvents} events on ${TOPICS.worker}`,
  ]);
  CONSUMERS.forEach((c, i) => {
    const s = known[c]!;
    const after = s - impAnswer;
    rows.push([
      `  ${c} knows them`,
      `${s.toFixed(1)} s after the import began (${after.toFixed(1)} s after its report)   [target: 30,000 rows within 60 s of the answer]`,
    ]);
    const a = alone[c]!;
    rows.push([
      `  ${c} events/s`,
      `${(importEvents / s).toFixed(0)} since the import began, ${outstanding[i]} left at its report; alone, held back during a second import: ${(a.events / a.seconds).toFixed(0)} (${a.events} in ${a.seconds.toFixed(1)} s)   [target ≥ 1000/s]`,
    ]);
  });
  reads('GET /workers/{id}/matches', matches);
  reads('GET /openings/{id}/candidates', candidates);
  reads('GET /search/openings', search);
  rows.push([
    'resident memory',
    `${rss.toFixed(0)} MiB — the one process holding all five services and the gateway (matching is not measured alone in-process)`,
  ]);
} finally {
  console.log(`\nbench:pipeline — ${mode}\n${'-'.repeat(100)}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);
  await db.end().catch(() => undefined);
  await bus.close().catch(() => undefined);
  await stack.stop();
}
process.exit(0);
