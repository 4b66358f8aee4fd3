/**
 * Issue 15 (ADR 0018): the village officer prints an activation code for a worker whose phone changed
 * or who has no signal; the worker redeems it once for an account. Wrong, used, replaced and expired
 * codes get one 400 and write nothing.
 */
import { signedInStack } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from '../../worker-profile/test/fixtures.ts';

const ctx = signedInStack(t, {
  services: ['worker-profile'],
  settings: { ACTIVATION_CODE_FAILURES_PER_ADDRESS_PER_HOUR: '12' },
});

/** A worker of 义兴镇恋思村 (officer.yixing's township). */
async function newWorker(name = '李小梅'): Promise<string> {
  const r = await ctx.stack.api.post('/api/v1/workers', workerInput({ name }), ctx.officer);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
}

let n = 0;
const redeem = (code: string, overrides: Record<string, unknown> = {}) =>
  ctx.stack.api.post('/api/v1/auth/activation-codes/redeem', {
    code,
    username: `worker.activated.${n++}`,
    password: 'a-good-pass-2026',
    ...overrides,
  });

const accountsOf = async (workerId: string) =>
  Number((await ctx.db.query('SELECT count(*) FROM gateway.accounts WHERE worker_id = $1', [workerId])).rows[0].count);

t.test('the officer of the village issues a printable code; the worker redeems it once', async (t) => {
  const workerId = await newWorker();
  const issued = await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.officer);
  t.equal(issued.status, 201, JSON.stringify(issued.body));
  t.match(issued.body, { workerId, workerName: '李*梅', code: /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/ });
  const days = (Date.parse(issued.body.expiresAt) - Date.now()) / 86_400_000;
  t.ok(days > 13.9 && days <= 14, `expires in 14 days (${days})`);
  const stored = await ctx.db.query('SELECT code_hash FROM gateway.activation_codes WHERE worker_id = $1', [workerId]);
  t.notOk(stored.rows[0].code_hash.includes(issued.body.code.replace('-', '')), 'only a hash is stored');

  // Typed as read from the slip: lower case, a space instead of the dash.
  const typed = issued.body.code.toLowerCase().replace('-', ' ');
  const r = await redeem(typed, { username: 'li.xiaomei' });
  t.equal(r.status, 201, JSON.stringify(r.body));
  t.match(r.body, { tokenType: 'Bearer', role: 'worker', workerId, displayName: '李*梅' });
  const me = await ctx.stack.api.get('/api/v1/auth/me', r.body.accessToken);
  t.match(me.body, { role: 'worker', workerId, username: 'li.xiaomei' });
  const own = await ctx.stack.api.get(`/api/v1/workers/${workerId}`, r.body.accessToken);
  t.equal(own.status, 200, 'the account reads its own worker record');
  const signIn = await ctx.stack.api.post('/api/v1/auth/token', {
    username: 'li.xiaomei',
    password: 'a-good-pass-2026',
  });
  t.equal(signIn.status, 200);

  const twice = await redeem(issued.body.code);
  t.equal(twice.status, 400, 'a used code is refused');
  t.equal(twice.body.code, 'GW_ACTIVATION_CODE_INVALID');
  t.same(
    twice.body.errors.map((e: { field: string }) => e.field),
    ['code'],
  );
  t.equal(await accountsOf(workerId), 1, 'nothing written by the second try');

  const again = await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.officer);
  t.equal(again.status, 409, 'no new code for a worker who has an account');
  t.equal(again.body.code, 'GW_WORKER_HAS_ACCOUNT');
});

t.test("an officer outside the worker's villages gets 404; workers and employers 403; admin may", async (t) => {
  const workerId = await newWorker('张三');
  const out = await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.otherOfficer);
  t.equal(out.status, 404);
  const unknown = await ctx.stack.api.post(
    '/api/v1/auth/activation-codes',
    { workerId: '00000000-0000-4000-8000-000000000000' },
    ctx.officer,
  );
  t.equal(unknown.status, 404);
  t.equal(
    (await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, undefined)).status,
    401,
    'anonymous: 401',
  );
  const byAdmin = await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.admin);
  t.equal(byAdmin.status, 201);
  t.equal(byAdmin.body.workerName, '张*');
  const count = await ctx.db.query('SELECT count(*) FROM gateway.activation_codes WHERE worker_id = $1', [workerId]);
  t.equal(Number(count.rows[0].count), 1, 'the refused issue wrote nothing');
});

t.test('a new code voids the old; an expired code is refused; nothing is written', async (t) => {
  const workerId = await newWorker();
  const first = (await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.officer)).body;
  const second = (await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.officer)).body;
  t.not(first.code, second.code);
  const old = await redeem(first.code);
  t.equal(old.status, 400, 'the replaced code is refused');
  t.equal(old.body.code, 'GW_ACTIVATION_CODE_INVALID');
  t.equal(await accountsOf(workerId), 0);

  // Fourteen days pass.
  await ctx.db.query(
    `UPDATE gateway.activation_codes SET expires_at = now() - interval '1 second' WHERE worker_id = $1`,
    [workerId],
  );
  const expired = await redeem(second.code);
  t.equal(expired.status, 400, 'the expired code is refused');
  t.equal(expired.body.code, 'GW_ACTIVATION_CODE_INVALID');
  t.equal(await accountsOf(workerId), 0);

  const wrong = await redeem('ABCDE-FGHJK');
  t.equal(wrong.status, 400);
  t.equal(wrong.body.code, 'GW_ACTIVATION_CODE_INVALID');
  const garbage = await redeem('not a code');
  t.equal(garbage.status, 400);
  t.equal(garbage.body.code, 'GW_ACTIVATION_CODE_INVALID');
});

t.test('a code for a worker who got an account meanwhile: 409, the code stays unused', async (t) => {
  const workerId = await newWorker();
  const issued = (await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId }, ctx.officer)).body;
  const made = await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: `made.by.admin.${n++}`, password: 'a-good-pass-2026', role: 'worker', displayName: '李梅', workerId },
    ctx.admin,
  );
  t.equal(made.status, 201);
  const r = await redeem(issued.code);
  t.equal(r.status, 409);
  t.equal(r.body.code, 'GW_WORKER_HAS_ACCOUNT');
  const used = await ctx.db.query('SELECT used_at FROM gateway.activation_codes WHERE worker_id = $1', [workerId]);
  t.equal(used.rows[0].used_at, null);
  // A taken username: 409 too, and the code is not spent.
  const other = await newWorker();
  const code = (await ctx.stack.api.post('/api/v1/auth/activation-codes', { workerId: other }, ctx.officer)).body.code;
  const taken = await redeem(code, { username: 'officer.yixing' });
  t.equal(taken.status, 409);
  t.equal(taken.body.code, 'USERNAME_TAKEN');
  t.equal((await redeem(code)).status, 201, 'the same code then works with a free username');
});

t.test('wrong codes per address are limited', async (t) => {
  let last = await redeem('ZZZZZ-ZZZZZ');
  for (let i = 0; i < 12 && last.status !== 429; i++) last = await redeem('ZZZZZ-ZZZZZ');
  t.equal(last.status, 429);
  t.equal(last.body.code, 'RATE_LIMITED');
  t.ok(Number(last.headers.get('retry-after')) > 0);
});
