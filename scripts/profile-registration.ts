/**
 * npx tsx scripts/profile-registration.ts [-- --workers N --concurrency N]
 *
 * Where `POST /api/v1/workers` through the gateway spends its time (issue 16): the stack as
 * bench:pipeline starts it, every SQL statement of every pool counted and timed by its text while
 * N workers are registered (the relay and the consumers of the registrations included: they share
 * the one embedded database), and the process's CPU time per registration.
 */
import { parseArgs } from 'node:util';
import { startStack } from '@tongxin/test-harness';
import pg from 'pg';
import { benchRegistration } from './lib/registration.ts';

const { values: args } = parseArgs({
  options: { workers: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '16' } },
});
const WORKERS = Number(args.workers);
const N = Number(args.concurrency);

const stats = new Map<string, { n: number; ms: number }>();
let counting = false;
const original = pg.Client.prototype.query;
// Counts every statement's round trip; the stack's pools all use pg.Client.
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  const text = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string })?.text ?? '?');
  const t0 = performance.now();
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
  const record = () => {
    if (!counting) return;
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += performance.now() - t0;
    stats.set(key, s);
  };
  // pg.Pool#query passes a callback (no promise returned): wrap it.
  const last = a[a.length - 1];
  if (typeof last === 'function') {
    a[a.length - 1] = (...cb: unknown[]) => {
      record();
      return (last as (...x: unknown[]) => unknown)(...cb);
    };
    return (original as (...x: unknown[]) => unknown).apply(this, a);
  }
  const r = (original as (...x: unknown[]) => unknown).apply(this, a);
  if (counting && r && typeof (r as Promise<unknown>).then === 'function')
    void (r as Promise<unknown>).then(record, () => undefined);
  return r;
} as typeof pg.Client.prototype.query;

const stack = await startStack({
  services: ['worker-profile', 'employer', 'matching', 'training', 'placement'],
  env: { kafka: false, chromium: false },
  settings: { RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'error' },
});
const admin = await stack.login('admin');
const body = (i: number) => benchRegistration('140724', i, '140723100236', `测试${i}`);
// Warm up (JIT, caches), then count.
for (let i = 0; i < 20; i++) await stack.api.post('/api/v1/workers', body(100_000 + i), admin);
counting = true;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let next = 0;
let failed = 0;
await Promise.all(
  Array.from({ length: N }, async () => {
    while (next < WORKERS) {
      const i = next++;
      const r = await stack.api.post('/api/v1/workers', body(i), admin);
      if (r.status !== 201) failed++;
    }
  }),
);
const s = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
counting = false;
await new Promise((r) => setTimeout(r, 500));
const total = [...stats.values()].reduce((a, b) => ({ n: a.n + b.n, ms: a.ms + b.ms }), { n: 0, ms: 0 });
console.log(
  `\n${WORKERS} registrations (${failed} failed) in ${s.toFixed(1)} s: ${(WORKERS / s).toFixed(0)}/s; process CPU ${((cpu.user + cpu.system) / 1000 / WORKERS).toFixed(1)} ms per registration`,
);
console.log(`${total.n} statements (${(total.n / WORKERS).toFixed(1)} per registration, consumers included)\n`);
for (const [k, v] of [...stats].sort((a, b) => b[1].n - a[1].n).slice(0, 40))
  console.log(`${(v.n / WORKERS).toFixed(2).padStart(6)}/reg ${(v.ms / v.n).toFixed(1).padStart(6)} ms  ${k}`);
await stack.stop();
process.exit(0);
