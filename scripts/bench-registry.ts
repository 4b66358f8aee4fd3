/**
 * npm run bench:registry — registrations per second and latency through the gateway in embedded
 * mode (npm start's launcher on a fresh data directory), beside the gateway's /health measured in
 * the same run, so the figures say what the registry costs above the HTTP stack itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeIdNumber } from '@tongxin/cn-codes';
import { ApiClient, DEMO_PASSWORD } from '@tongxin/test-harness';
import { launch } from '../tests/support/launcher.ts';
import { type RunResult, percentile, rate, runConcurrently } from './lib/concurrent.ts';

const TOTAL = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

const run = runConcurrently;
const line = (name: string, r: RunResult) =>
  `${name.padEnd(22)} ${String(r.count).padStart(6)} req  ${rate(r).toFixed(0).padStart(6)} req/s  p50 ${percentile(r, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(r, 99).toFixed(1).padStart(6)} ms  errors ${r.failed}`;

const dataDir = await mkdtemp(join(tmpdir(), 'tongxin-bench-'));
const county = await launch({
  TONGXIN_DATA_DIR: dataDir,
  TONGXIN_SEED: 'none',
  TONGXIN_SERVICES: 'worker-profile',
  LOG_LEVEL: 'error',
  RATE_LIMIT_PER_MINUTE: '1000000',
});
try {
  const api = new ApiClient(county.url);
  const token = (await api.post('/api/v1/auth/token', { username: 'admin', password: DEMO_PASSWORD })).body
    .accessToken as string;
  const skills = ['con.welder', 'con.electrician', 'mfg.operator', 'con.bricklayer'];
  const body = (i: number) => {
    // One birth date per 1000 people; the sequence's parity is the gender, as in a real ID number.
    const day = Math.floor(i / 1000);
    const birthDate = `${1970 + (day % 30)}-0${1 + (day % 9)}-1${day % 9}`;
    const sequence = i % 1000;
    return {
      name: `测试${i}`,
      gender: sequence % 2 ? 'male' : 'female',
      birthDate,
      idNumber: makeIdNumber({ regionCode: '140723', birthDate, sequence }),
      phone: `139${String(i).padStart(8, '0')}`,
      homeVillageCode: '140723100236',
      householdStatus: 'registered_poor',
      relocated: i % 3 === 0,
      skills: [{ code: skills[i % skills.length], level: 1 + (i % 5) }],
      tierPreferences: ['in_county', 'in_province'],
      employmentStatus: 'seeking',
      consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
    };
  };
  // Warm both paths (JIT, connection pools) before measuring.
  await run(200, CONCURRENCY, async () => (await fetch(`${county.url}/health`)).ok);
  const health = await run(TOTAL, CONCURRENCY, async () => (await fetch(`${county.url}/health`)).ok);
  const reg = await run(
    TOTAL,
    CONCURRENCY,
    async (i) => (await api.post('/api/v1/workers', body(i), token)).status === 201,
  );
  const read = await run(
    TOTAL,
    CONCURRENCY,
    async (i) => (await api.get(`/api/v1/workers?limit=20&skill=${skills[i % 4]}`, token)).status === 200,
  );
  console.log(`bench:registry — embedded mode through the gateway, concurrency ${CONCURRENCY}`);
  console.log(line('GET /health (trivial)', health));
  console.log(line('POST /api/v1/workers', reg));
  console.log(line('GET /api/v1/workers', read));
} finally {
  await county.stop();
  await rm(dataDir, { recursive: true, force: true });
}
