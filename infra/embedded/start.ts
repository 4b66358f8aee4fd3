/**
 * `npm start`: the whole of Tongxin on one machine. With no DATABASE_URL it serves PGlite over
 * the Postgres wire protocol from TONGXIN_DATA_DIR and carries events in the embedded log; with
 * DATABASE_URL / KAFKA_BROKERS / MEILI_URL / REDIS_URL set it runs the same services on those.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '@tongxin/db';
import { ensureAccounts } from '@tongxin/gateway';
import { BACKUP_SIGNAL, answerBackupRequest, launcherFile } from './backup.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { loadOrCreateSecrets } from './secrets.ts';
import { runSeeds, SEEDS, type SeedName } from './seed-runner.ts';
import { Supervisor } from './supervisor.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SERVICES = ['worker-profile', 'employer', 'matching', 'training', 'placement'] as const;
const env = process.env;
const log = (line: string) => process.stdout.write(`${line}\n`);

const dataDir = resolve(env.TONGXIN_DATA_DIR ?? '.data');
const gatewayPort = Number(env.PORT ?? 8080);
const basePort = Number(env.TONGXIN_SERVICE_BASE_PORT ?? gatewayPort + 1);
const host = env.HOST ?? '127.0.0.1';
await mkdir(dataDir, { recursive: true });
const secrets = await loadOrCreateSecrets(dataDir, env);

let embedded: EmbeddedPostgres | undefined;
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  const started = Date.now();
  embedded = await startEmbeddedPostgres({
    dataDir: join(dataDir, 'pg'),
    port: Number(env.TONGXIN_DB_PORT ?? 0),
    maxConnections: 200,
  });
  databaseUrl = embedded.connectionString;
  log(
    `[embedded] PostgreSQL (PGlite) on ${databaseUrl.replace(/\/\/.*@/, '//')} from ${join(dataDir, 'pg')} in ${Date.now() - started} ms`,
  );
  // `npm run backup` finds this launcher here and asks it for a dump of the running database.
  const db = embedded;
  await writeFile(launcherFile(dataDir), JSON.stringify({ pid: process.pid }));
  process.on(BACKUP_SIGNAL, () => {
    answerBackupRequest(dataDir, () => db.dump()).then(
      (target) => log(`[backup] written to ${target}`),
      (err: unknown) => log(`[backup] failed: ${(err as Error).message}`),
    );
  });
}

const supervisor = new Supervisor(log);
let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`[supervisor] ${signal}: stopping`);
  await supervisor.stopAll();
  await embedded?.stop();
  await rm(launcherFile(dataDir), { force: true });
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const common = {
  ...secrets,
  DATABASE_URL: databaseUrl,
  HOST: host,
  LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
};
const urls: Record<string, string> = {};
// TONGXIN_SERVICES picks a subset (comma-separated), e.g. for a test or a benchmark of one service.
const wanted = env.TONGXIN_SERVICES ? new Set(env.TONGXIN_SERVICES.split(',').map((s) => s.trim())) : undefined;
const present = SERVICES.filter(
  (s) => (!wanted || wanted.has(s)) && existsSync(join(ROOT, 'services', s, 'src', 'server.ts')),
);
// One at a time: every service migrates its schema on start, and the embedded database is one session.
for (const [i, name] of present.entries()) {
  const port = basePort + i;
  urls[name] = `http://${host}:${port}`;
  const started = Date.now();
  const up = await supervisor.start(
    {
      name,
      script: join(ROOT, 'services', name, 'src', 'server.ts'),
      env: { ...common, PORT: String(port) },
      healthUrl: `${urls[name]}/health`,
    },
    Number(env.TONGXIN_START_TIMEOUT_MS ?? 30_000),
  );
  if (up) log(`[supervisor] ${name} up on :${port} in ${Date.now() - started} ms`);
}

await ensureAccounts(
  databaseUrl,
  DEMO_ACCOUNTS.map((a) => ({ ...a, password: DEMO_PASSWORD })),
);
const gatewayUrl = `http://${host}:${gatewayPort}`;
await supervisor.start({
  name: 'gateway',
  script: join(ROOT, 'services', 'gateway', 'src', 'server.ts'),
  env: {
    ...common,
    PORT: String(gatewayPort),
    // The gateway's /metrics on a port of its own: the one after the services'.
    METRICS_PORT: env.METRICS_PORT ?? String(basePort + SERVICES.length),
    // The demo seed creates its employer and worker accounts with the published demo password.
    ALLOW_DEMO_PASSWORD: 'true',
    WORKER_PROFILE_URL: urls['worker-profile'] ?? '',
    EMPLOYER_URL: urls.employer ?? '',
    MATCHING_URL: urls.matching ?? '',
    TRAINING_URL: urls.training ?? '',
    PLACEMENT_URL: urls.placement ?? '',
  },
  healthUrl: `${gatewayUrl}/health`,
});

// On a busy machine a service can be slower to start than its timeout: seeding, and saying the county is
// up, wait for the gateway (with or without a seed).
let gatewayHealthy = false;
for (const until = Date.now() + 600_000; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
  gatewayHealthy = await fetch(`${gatewayUrl}/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (gatewayHealthy) break;
}

const seed = env.TONGXIN_SEED ?? 'demo';
if (seed !== 'none') {
  try {
    if (!(seed in SEEDS)) throw new Error(`TONGXIN_SEED=${seed}: not one of none, ${Object.keys(SEEDS).join(', ')}`);
    if (!gatewayHealthy) throw new Error('the gateway did not become healthy within 10 minutes');
    const started = Date.now();
    await runSeeds({
      seed: seed as SeedName,
      gatewayUrl,
      dataDir,
      adminUsername: 'admin',
      adminPassword: DEMO_PASSWORD,
      log,
    });
    if (seed !== 'demo') log(`[seed] ${seed} seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    log(`[seed] failed: ${(err as Error).message} — the services keep running; the step runs again at the next start`);
  }
}
if (!gatewayHealthy) log('[supervisor] the gateway is not healthy yet: the portal and the API may not answer');
log(`Tongxin 同心 is up: portal ${gatewayUrl}/  API ${gatewayUrl}/api/v1  docs ${gatewayUrl}/docs`);
log(
  `Demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}, employer.demo, worker.demo`,
);
