import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { workerInput } from '../services/worker-profile/test/fixtures.ts';

const PROBE = join(import.meta.dirname, 'support', 'probe-consumer.ts');

function probe(mode: string, settings: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', PROBE], {
    env: {
      ...process.env,
      DATABASE_URL: settings.DATABASE_URL!,
      KAFKA_BROKERS: settings.KAFKA_BROKERS ?? '',
      PROBE_MODE: mode,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { prefix: string; resolve: (l: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters.filter((x) => line.startsWith(x.prefix))) w.resolve(line);
  });
  const waitFor = (prefix: string, timeoutMs = 60_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => l.startsWith(prefix));
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`no "${prefix}" from the probe (${mode}); got: ${lines.join(' | ')}`)),
        timeoutMs,
      );
      waiters.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  return { child, waitFor };
}

const kill = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

t.test('worker.registered is handled once in effect by a consumer killed while handling it', async (t) => {
  const stack = await startStack({ services: ['worker-profile'] });
  t.teardown(() => stack.stop());
  const officer = await stack.login('officer.yixing');
  const created = await stack.api.post('/api/v1/workers', workerInput(), officer);
  t.equal(created.status, 201);
  const workerId = created.body.id as string;

  const db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
  t.teardown(() => db.end());
  const effects = async () =>
    Number((await db.query('SELECT count(*) AS n FROM probe.effects WHERE worker_id = $1', [workerId])).rows[0].n);

  const first = probe('hang-in-handler', stack.settings);
  t.teardown(() => kill(first.child));
  await first.waitFor(`IN_HANDLER ${workerId}`);
  await kill(first.child);
  t.equal(await effects(), 0, 'killed inside the transaction: the effect was rolled back');

  const second = probe('hang-after-commit', stack.settings);
  t.teardown(() => kill(second.child));
  await second.waitFor(`COMMITTED ${workerId}`);
  await kill(second.child);
  t.equal(await effects(), 1, 'committed once; the bus never heard it was handled');

  const third = probe('normal', stack.settings);
  t.teardown(() => kill(third.child));
  const outcome = await third.waitFor(`DUPLICATE ${workerId}`);
  t.ok(outcome, 'the event came again and the inbox recognised it');
  t.equal(await effects(), 1, 'the effect happened exactly once');
});
