import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@tongxin/db';
import {
  ApiClient,
  DEMO_PASSWORD,
  deleteStackTopics,
  stackPrefix,
  testEnvironment,
  testKafkaBrokers,
} from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';
import { childPids, commandOf, isAlive, launch } from './support/launcher.ts';

// `npm start` as a user runs it: a worker registered through the gateway is still there after
// everything (database, bus, services, gateway) stops and starts again on the same data. Two starts of the
// whole county: on a busy 2-core machine one service alone has taken 55 s, so each start may take 4 minutes.
t.setTimeout(600_000);
t.test('a worker survives a restart of everything', async (t) => {
  const env = testEnvironment();
  const dataDir = await mkdtemp(join(tmpdir(), 'tongxin-restart-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  const settings: Record<string, string> = {
    TONGXIN_DATA_DIR: dataDir,
    TONGXIN_SEED: 'none',
    TONGXIN_SERVICES: 'worker-profile',
  };
  if (env.postgresUrl) {
    const db = await createTestDatabase(env.postgresUrl);
    t.teardown(() => db.drop());
    settings.DATABASE_URL = db.connectionString;
  }
  if (env.kafka) {
    const brokers = await testKafkaBrokers();
    const prefix = stackPrefix();
    t.teardown(() => deleteStackTopics(brokers, prefix));
    Object.assign(settings, {
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_IDEMPOTENT: 'true',
    });
  }

  let county = await launch(settings, 240_000);
  t.teardown(() => county.stop('SIGKILL'));
  let api = new ApiClient(county.url);
  t.equal((await api.get('/health')).status, 200);
  const login = async () =>
    (await api.post('/api/v1/auth/token', { username: 'officer.yixing', password: DEMO_PASSWORD })).body.accessToken;
  const input = workerInput();
  const created = await api.post('/api/v1/workers', input, await login());
  t.equal(created.status, 201, JSON.stringify(created.body));

  await county.stop('SIGTERM');
  county = await launch({ ...settings, PORT: new URL(county.url).port }, 240_000);
  api = new ApiClient(county.url);
  const token = await login();
  const again = await api.get(`/api/v1/workers/${created.body.id}`, token);
  t.equal(again.status, 200);
  t.equal(again.body.name, input.name);
  t.equal(again.body.phone, input.phone, 'the encrypted phone still decrypts: the keys were kept');
  const dup = await api.post('/api/v1/workers', input, token);
  t.equal(dup.status, 409, 'the ID number hash still finds it');

  // A supervisor killed outright leaves no service behind: each notices and shuts down.
  // The launcher's service processes (tsx's esbuild helper is a child too, and is not ours).
  const services = childPids(county.process.pid!).filter((pid) => commandOf(pid).includes('/services/'));
  t.ok(services.length >= 2, `the launcher runs its services as processes (${services.length})`);
  await county.stop('SIGKILL');
  const deadline = Date.now() + 30_000;
  while (services.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  t.same(services.filter(isAlive).map(commandOf), [], 'no service outlives its supervisor');
});
