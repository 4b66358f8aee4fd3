import { createLogger } from '@tongxin/service-platform';
import { type Stack, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { start } from '../src/app.ts';
import { workerInput } from './fixtures.ts';

let stack: Stack;
let officer: string;
let second: string;
t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  officer = await stack.login('officer.yixing');
  // A second instance of the service on the same database, as in a scaled-out deployment.
  const other = await start(stack.settings, createLogger('worker-profile-2', 'silent'));
  t.teardown(() => other.close());
  second = (await other.listen({ host: '127.0.0.1', port: 0 })) as string;
});
t.teardown(() => stack?.stop());

const query = async <T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> => {
  const c = new pg.Client({ connectionString: stack.db.connectionString });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as T[];
  } finally {
    await c.end();
  }
};

/** Sends one request half the time through the gateway, half the time to the second instance. */
const send = async (i: number, method: string, path: string, body: unknown, key: string) => {
  const base = i % 2 === 0 ? stack.api.baseUrl : second;
  const r = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

const N = 8;

t.test('concurrent registrations with one Idempotency-Key run once, on any instance', async (t) => {
  const input = workerInput();
  const key = `race-reg-${Date.now()}`;
  const answers = await Promise.all(
    Array.from({ length: N }, (_, i) => send(i, 'POST', '/api/v1/workers', input, key)),
  );
  const created = answers.filter((a) => a.status === 201);
  t.ok(created.length >= 1, 'one was created');
  t.equal(new Set(created.map((a) => a.body.id)).size, 1, 'every 201 is the same worker');
  const others = answers.filter((a) => a.status !== 201);
  t.same(
    others.map((a) => [a.status, a.body.code]),
    others.map(() => [409, 'IDEMPOTENCY_IN_PROGRESS']),
    'anything else is a 409 telling the caller the first is still running',
  );
  const rows = await query(
    `SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = 'worker.registered'`,
  );
  t.equal(rows[0]!.n, 1, 'one registration event');
});

t.test('concurrent service records with one Idempotency-Key are recorded once', async (t) => {
  const created = await stack.api.post('/api/v1/workers', workerInput(), officer);
  t.equal(created.status, 201);
  const key = `race-service-${Date.now()}`;
  const body = { service: 'information', date: '2026-03-02', channel: 'wechat', note: '推送岗位信息' };
  const answers = await Promise.all(
    Array.from({ length: N }, (_, i) => send(i, 'POST', `/api/v1/workers/${created.body.id}/services`, body, key)),
  );
  for (const a of answers) {
    t.ok(
      a.status === 201 || (a.status === 409 && a.body.code === 'IDEMPOTENCY_IN_PROGRESS'),
      `answered ${a.status} ${String(a.body.code ?? '')}`,
    );
  }
  const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
  t.equal(ids.size, 1, 'every 201 is the same record');
  const list = await stack.api.get(`/api/v1/workers/${created.body.id}/services`, officer);
  t.equal(list.body.items.filter((r: { source: string }) => r.source === 'officer').length, 1, 'recorded once');
});

t.test('a claim whose holder died expires, and the request may then run', async (t) => {
  const input = workerInput();
  const key = `race-crash-${Date.now()}`;
  // What a crashed instance leaves behind: a claim, never completed, whose lease has run out.
  const scope = await query<{ scope: string }>(`SELECT scope FROM worker_profile.idempotency_keys LIMIT 1`);
  const sub = scope[0]!.scope.split(' ')[0];
  await query(
    `INSERT INTO worker_profile.idempotency_keys (scope, key, request_hash, claimed_until)
     VALUES ($1, $2, 'x', now() - interval '1 second')`,
    [`${sub} POST /api/v1/workers`, key],
  );
  const r = await send(0, 'POST', '/api/v1/workers', input, key);
  t.equal(r.status, 201, JSON.stringify(r.body));
  const again = await send(1, 'POST', '/api/v1/workers', input, key);
  t.equal(again.status, 201);
  t.equal(again.body.id, r.body.id, 'replayed');
});
