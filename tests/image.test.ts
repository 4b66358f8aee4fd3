import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '@tongxin/db';
import { deleteStackTopics, stackPrefix, testKafkaBrokers } from '@tongxin/test-harness/kafka';
import { eventually } from '@tongxin/test-harness';
import { runsWith, testEnvironment } from '@tongxin/test-harness/environment';
import t from 'tap';
import { parse } from 'yaml';
import { freePort } from './support/launcher.ts';

const ROOT = join(import.meta.dirname, '..');
const run = promisify(execFile);

/** The `COPY <src>... <dest>` lines of a Dockerfile (no `--from` stages), relative to its WORKDIR. */
export function dockerCopies(dockerfile: string): { sources: string[]; dest: string }[] {
  const copies: { sources: string[]; dest: string }[] = [];
  for (const raw of dockerfile.split('\n')) {
    const line = raw.trim();
    if (!/^COPY\s/i.test(line)) continue;
    const words = line.split(/\s+/).slice(1);
    if (words.some((w) => w.startsWith('--from'))) continue;
    const args = words.filter((w) => !w.startsWith('--'));
    copies.push({ sources: args.slice(0, -1), dest: args.at(-1)! });
  }
  return copies;
}

/** `.dockerignore` patterns as one predicate on a path relative to the build context. */
export function dockerIgnore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => {
      const body = p
        .replace(/^\/+|\/+$/g, '')
        .split('/')
        .map((part) =>
          part === '**' ? '(?:.*/)?' : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^/]*')}/`,
        )
        .join('');
      // A pattern matches the path itself or any folder above it (which then excludes everything below).
      return new RegExp(`^${body.replace(/\/$/, '')}(?:/.*)?$`);
    });
  return (path) => patterns.some((re) => re.test(path));
}

/** Copies the build context's files as `docker build` would into `target` (the image's WORKDIR). */
async function assemble(target: string): Promise<string[]> {
  const copies = dockerCopies(await readFile(join(ROOT, 'infra/docker/Dockerfile'), 'utf8'));
  const ignored = dockerIgnore(await readFile(join(ROOT, '.dockerignore'), 'utf8'));
  const copied: string[] = [];
  for (const { sources, dest } of copies) {
    for (const source of sources) {
      const from = join(ROOT, source);
      const isDir = (await stat(from)).isDirectory();
      const to = dest.endsWith('/') && !isDir ? join(target, dest, source.split('/').pop()!) : join(target, dest);
      await mkdir(dirname(to), { recursive: true });
      await cp(from, to, {
        recursive: true,
        filter: (src) => {
          const rel = relative(ROOT, src);
          if (rel && ignored(rel)) return false;
          if (!isDir || src !== from) copied.push(rel);
          return true;
        },
      });
    }
  }
  return copied;
}

const SERVICES = ['worker-profile', 'employer', 'matching', 'training', 'placement'] as const;

t.test('.dockerignore patterns', async (t) => {
  const ignored = dockerIgnore('**/node_modules\n.data\n**/test\n**/.env.*\n');
  t.ok(ignored('node_modules/x/y.js'));
  t.ok(ignored('packages/db/node_modules/pg/index.js'));
  t.ok(ignored('.data/pg/base'));
  t.ok(ignored('services/employer/test/app.test.ts'));
  t.ok(ignored('packages/auth/.env.local'));
  t.notOk(ignored('packages/test-harness/src/index.ts'));
  t.notOk(ignored('services/employer/src/app.ts'));
  t.same(dockerCopies('FROM x\nCOPY a b ./\nCOPY --chown=node c ./c\nCOPY --from=build /x /y\n'), [
    { sources: ['a', 'b'], dest: './' },
    { sources: ['c'], dest: './c' },
  ]);
});

t.test(
  'docker-compose.yml: health-gated, one-shot migrations, Kafka data on its volume, no master key in matching',
  async (t) => {
    const compose = parse(await readFile(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<
        string,
        {
          healthcheck?: unknown;
          depends_on?: Record<string, { condition: string }> | string[];
          environment?: Record<string, string>;
          volumes?: string[];
          restart?: string;
        }
      >;
    };
    const oneShot = new Set(['migrate', 'meili-key']);
    for (const [name, service] of Object.entries(compose.services)) {
      if (!oneShot.has(name)) t.ok(service.healthcheck, `${name} has a health check`);
      const deps = service.depends_on ?? {};
      t.notOk(Array.isArray(deps), `${name}: depends_on names its conditions`);
      for (const [dep, { condition }] of Object.entries(deps)) {
        t.equal(
          condition,
          oneShot.has(dep) ? 'service_completed_successfully' : 'service_healthy',
          `${name} waits for ${dep}`,
        );
      }
      if (service.environment?.SERVICE && !oneShot.has(name)) {
        t.ok('migrate' in deps, `${name} starts after the migrations`);
      }
    }
    const kafka = compose.services.kafka!;
    const logDirs = kafka.environment?.KAFKA_LOG_DIRS;
    t.ok(logDirs && kafka.volumes?.some((v) => v.endsWith(`:${logDirs}`)), 'Kafka keeps its log on its volume');
    const matching = compose.services.matching!;
    t.notOk(
      Object.values(matching.environment ?? {}).some((v) => String(v).includes('MEILI_MASTER_KEY')),
      'matching is not given the master key',
    );
    t.ok(matching.environment?.MEILI_API_KEY_FILE, 'matching reads its own key');
  },
);

// Without a Docker engine here: the Dockerfile's files, installed as it installs them, boot every service.
// Installing the production tree (~330 MB from the npm cache) and starting six services from cold
// is most of this file's time: about 1–3 minutes on a busy two-core machine.
if (testEnvironment().postgresUrl) t.setTimeout(900_000);

t.test('every service boots from the image file set', async (t) => {
  if (!runsWith(t, 'postgres')) return;
  const began = Date.now();
  const env = testEnvironment();
  const app = await mkdtemp(join(tmpdir(), 'tongxin-image-'));
  t.teardown(() => rm(app, { recursive: true, force: true }));
  const copied = await assemble(app);
  t.ok(copied.includes('tsconfig.json') && copied.includes('tsconfig.base.json'), 'tsconfig for tsx');
  t.notOk(
    copied.some((p) => /(^|\/)(node_modules|\.data|test|bench)(\/|$)|secrets\.json$|(^|\/)\.env/.test(p)),
    'no modules, data, secrets, tests or benchmarks are copied',
  );

  // As the Dockerfile's RUN line, but from the npm cache: no network needed in tests.
  await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: app,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    maxBuffer: 16 * 1024 * 1024,
  });
  t.comment(`assembled and installed in ${Math.round((Date.now() - began) / 1000)} s`);
  const installed = new Set(await readdir(join(app, 'node_modules')));
  t.ok(installed.has('tsx') && installed.has('fastify'), 'runtime dependencies installed');
  t.notOk(installed.has('typescript') || installed.has('tap') || installed.has('eslint'), 'no dev dependencies');

  const db = await createTestDatabase(env.postgresUrl);
  t.teardown(() => db.drop());
  const common: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.connectionString,
    JWT_SECRET: randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PII_HASH_KEY: randomBytes(32).toString('hex'),
    PHONE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
  if (env.kafka) {
    // The run's real broker, as every distributed stack uses it: own topic prefix, idempotent producer.
    const brokers = await testKafkaBrokers();
    const prefix = stackPrefix();
    t.teardown(() => deleteStackTopics(brokers, prefix));
    Object.assign(common, {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_IDEMPOTENT: 'true',
      KAFKA_TOPIC_PARTITIONS: '3',
    });
  }
  const entry = ['--import', 'tsx', 'infra/docker/entrypoint.ts'];

  // The one-shot migration, as compose and the Kubernetes Job run it before the services.
  const migrated = await run(process.execPath, entry, { cwd: app, env: { ...common, SERVICE: 'migrate' } });
  t.match(migrated.stdout, /worker-profile: .*0000-outbox\.platform/, 'migrate applies every schema');
  t.match(migrated.stdout, /gateway: /);

  const urls: Record<string, string> = {};
  const output: string[] = [];
  const start = async (service: string, extra: Record<string, string> = {}) => {
    const port = await freePort();
    const child = spawn(process.execPath, entry, {
      cwd: app,
      env: { ...common, ...extra, SERVICE: service, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const s of [child.stdout, child.stderr]) s.on('data', (d: Buffer) => output.push(`[${service}] ${d}`));
    t.teardown(
      () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    urls[service] = `http://127.0.0.1:${port}`;
  };
  for (const service of SERVICES) await start(service);
  const metricsPort = await freePort();
  await start('gateway', {
    METRICS_PORT: String(metricsPort),
    BOOTSTRAP_ADMIN_PASSWORD: `Boot#${randomBytes(8).toString('hex')}`,
    WORKER_PROFILE_URL: urls['worker-profile']!,
    EMPLOYER_URL: urls.employer!,
    MATCHING_URL: urls.matching!,
    TRAINING_URL: urls.training!,
    PLACEMENT_URL: urls.placement!,
  });

  for (const [service, url] of Object.entries(urls)) {
    const ready = await eventually(
      `${service} /ready`,
      async () => {
        const res = await fetch(`${url}/ready`).catch(() => undefined);
        if (res?.status !== 200) throw new Error(`not ready; last output:\n${output.slice(-20).join('')}`);
        return (await res.json()) as { status: string };
      },
      300_000,
    );
    t.equal(ready.status, 'ready', `${service} answers /ready from the image's files`);
  }
  t.comment(`every service ready ${Math.round((Date.now() - began) / 1000)} s after the start`);
  const docs = await fetch(`${urls.gateway}/docs/json`);
  t.equal(docs.status, 200, 'the gateway serves the combined API description');

  for (const service of SERVICES) {
    const scraped = await fetch(`${urls[service]}/metrics`);
    t.equal(scraped.status, 200, `${service} serves /metrics on its port`);
    t.match(await scraped.text(), /^tongxin_http_requests_total\{.*route="\/ready"/m);
  }
  t.equal((await fetch(`${urls.gateway}/metrics`)).status, 404, "not on the gateway's public port");
  const gateway = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  t.match(
    await gateway.text(),
    /^tongxin_notification_deliveries|^# TYPE tongxin_notification_deliveries/m,
    'the gateway on METRICS_PORT',
  );
});
