import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, startStack } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { workerInput } from '../../worker-profile/test/fixtures.ts';
import { AccountRepository } from '../src/repositories/account-repository.ts';
import { PhoneCipher } from '../src/signup/phone-cipher.ts';

let stack: Stack;
let admin: string;
let db: pg.Pool;
let phones: PhoneCipher;

t.before(async () => {
  stack = await startStack({
    services: ['worker-profile'],
    // One test floods an address on purpose below; the others keep well under these.
    settings: { CODE_REQUESTS_PER_ADDRESS_PER_HOUR: '1000' },
  });
  admin = await stack.login('admin');
  db = new pg.Pool({ connectionString: stack.db.connectionString, max: 1 });
  phones = new PhoneCipher(stack.settings.PHONE_ENCRYPTION_KEY!);
});
t.teardown(async () => {
  await db?.end();
  await stack?.stop();
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let phoneSeq = 0;
/** A phone number no other test of this file uses. */
const freshPhone = () => `13900${String(100_000 + phoneSeq++).slice(-6)}`;

/** A registry worker with a phone of its own, as an administrator registers one. */
async function registeredWorker(): Promise<{ id: string; idNumber: string; phone: string }> {
  const phone = freshPhone();
  const input = workerInput({ phone });
  const r = await stack.api.post('/api/v1/workers', input, admin);
  if (r.status !== 201) throw new Error(`register: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id, idNumber: input.idNumber as string, phone };
}

/** The newest code the message log holds for `phone`, once there are `count` messages for it. */
async function codeSentTo(phone: string, count = 1): Promise<string> {
  return until(async () => {
    const r = await stack.api.get(`/api/v1/admin/message-log?phone=${phone}`, admin);
    return r.body.items.length >= count ? (r.body.items[0].params.code as string) : undefined;
  });
}

const count = async (sql: string, params: unknown[] = []): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;
const codesFor = (phone: string) => count('gateway.one_time_codes WHERE phone_hash = $1', [phones.hash(phone)]);
const accountCount = () => count('gateway.accounts');
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

t.test('a registry worker activates an account with a code sent to the phone on record', async (t) => {
  const w = await registeredWorker();
  const asked = await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone });
  t.equal(asked.status, 202);
  const code = await codeSentTo(w.phone);
  t.match(code, /^\d{6}$/);
  const log = (await stack.api.get(`/api/v1/admin/message-log?phone=${w.phone}`, admin)).body.items;
  t.equal(log[0].recipient, `${w.phone.slice(0, 3)}****${w.phone.slice(7)}`, 'the recipient is masked');
  t.match(log[0].body, code, 'the administrator reads the code in the body');

  const activated = await stack.api.post('/api/v1/auth/activation', {
    idNumber: w.idNumber,
    phone: w.phone,
    code,
    username: 'worker.activated',
    password: 'Activated-2026',
  });
  t.equal(activated.status, 201, JSON.stringify(activated.body));
  t.equal(activated.body.role, 'worker');
  t.equal(activated.body.workerId, w.id);
  const me = await stack.api.get('/api/v1/auth/me', activated.body.accessToken);
  t.equal(me.body.workerId, w.id);
  t.equal((await stack.api.get(`/api/v1/workers/${w.id}`, activated.body.accessToken)).status, 200);
  t.ok(await stack.login('worker.activated', 'Activated-2026'), 'signs in with the new password');

  const row = (await db.query(`SELECT * FROM gateway.accounts WHERE username = 'worker.activated'`)).rows[0];
  t.notOk(JSON.stringify(row).includes(w.phone), 'the phone is not stored in clear');
  t.equal(row.phone_masked, log[0].recipient);
  const stored = await db.query(`SELECT * FROM gateway.one_time_codes WHERE phone_hash = $1`, [phones.hash(w.phone)]);
  t.notOk(JSON.stringify(stored.rows).includes(`"${code}"`), 'the code is not stored in clear');
  t.equal(await new AccountRepository('gateway', phones).phoneOf(db, row.id), w.phone, 'phoneOf gives the number');

  // Replayed: the used code opens nothing, and nothing is written.
  const before = await accountCount();
  const replay = await stack.api.post('/api/v1/auth/activation', {
    idNumber: w.idNumber,
    phone: w.phone,
    code,
    username: 'worker.replayed',
    password: 'Activated-2026',
  });
  t.equal(replay.status, 400);
  t.equal(replay.body.code, 'GW_CODE_INVALID');
  t.equal(await accountCount(), before);
});

t.test('the code request answers alike for unknown, mismatched and already activated people', async (t) => {
  const w = await registeredWorker();
  const other = await registeredWorker();
  const unknownId = makeIdNumber({ regionCode: '140723', birthDate: '1979-05-06', sequence: 977 });
  const unknownPhone = freshPhone();
  const answers = [
    await stack.api.post('/api/v1/auth/activation/code', { idNumber: unknownId, phone: unknownPhone }),
    // A registered ID number with another worker's phone.
    await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: other.phone }),
  ];
  const sent = await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone });
  t.equal(sent.status, 202);
  for (const a of answers) {
    t.equal(a.status, 202);
    t.same(a.body, sent.body, 'the same body as when a code is sent');
  }
  t.equal(await codesFor(unknownPhone), 0, 'no code for an unknown ID number');
  t.equal(await codesFor(other.phone), 0, 'no code for a phone not on that record');
  t.equal(await codesFor(w.phone), 1, 'a code for the matching worker');
  await codeSentTo(w.phone);

  // Once activated, asking again sends nothing, and says so no differently.
  const code = await codeSentTo(w.phone);
  t.equal(
    (
      await stack.api.post('/api/v1/auth/activation', {
        idNumber: w.idNumber,
        phone: w.phone,
        code,
        username: 'worker.second',
        password: 'Activated-2026',
      })
    ).status,
    201,
  );
  await db.query(`DELETE FROM gateway.code_requests`); // past the per-minute limit of that phone
  const again = await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone });
  t.equal(again.status, 202);
  t.same(again.body, sent.body);
  t.equal(await codesFor(w.phone), 1, 'no new code for a worker who has an account');
});

t.test(
  "a phone code still open when the officer's printed code made the account: 409 GW_WORKER_HAS_ACCOUNT, nothing written",
  async (t) => {
    const w = await registeredWorker();
    t.equal(
      (await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone })).status,
      202,
    );
    const code = await codeSentTo(w.phone);
    // Meanwhile the worker redeems the slip the officer printed (ADR 0018).
    const slip = await stack.api.post('/api/v1/auth/activation-codes', { workerId: w.id }, admin);
    t.equal(slip.status, 201, JSON.stringify(slip.body));
    const redeemed = await stack.api.post('/api/v1/auth/activation-codes/redeem', {
      code: slip.body.code,
      username: 'worker.by.slip',
      password: 'Activated-2026',
    });
    t.equal(redeemed.status, 201, JSON.stringify(redeemed.body));

    const before = await accountCount();
    const late = await stack.api.post('/api/v1/auth/activation', {
      idNumber: w.idNumber,
      phone: w.phone,
      code,
      username: 'worker.by.phone',
      password: 'Activated-2026',
    });
    t.equal(late.status, 409);
    t.equal(late.body.code, 'GW_WORKER_HAS_ACCOUNT', 'the one code for it, as the printed codes give');
    t.match(late.body.detail, /已有账号/, 'in Chinese by default');
    t.equal(await accountCount(), before, 'no second account');
  },
);

t.test('an ID number failing its check is refused naming it, and nothing is counted', async (t) => {
  const good = makeIdNumber({ regionCode: '140723', birthDate: '1985-02-03', sequence: 12 });
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const requests = await count('gateway.code_requests');
  const r = await stack.api.post('/api/v1/auth/activation/code', { idNumber: bad, phone: freshPhone() });
  t.equal(r.status, 400);
  t.equal(r.body.errors[0].field, 'idNumber');
  t.match(r.body.errors[0].message, /校验位/, 'Chinese by default');
  t.equal(await count('gateway.code_requests'), requests);
  const en = await stack.api.request('POST', '/api/v1/auth/activation/code', {
    body: { idNumber: bad, phone: freshPhone() },
    headers: { 'accept-language': 'en' },
  });
  t.match(en.body.errors[0].message, /check digit/);
});

t.test('five wrong codes lock the code: the right one no longer works', async (t) => {
  const w = await registeredWorker();
  await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone });
  const code = await codeSentTo(w.phone);
  const before = await accountCount();
  const attempt = (c: string) =>
    stack.api.post('/api/v1/auth/activation', {
      idNumber: w.idNumber,
      phone: w.phone,
      code: c,
      username: 'worker.locked',
      password: 'Activated-2026',
    });
  for (let i = 0; i < 5; i++) {
    const r = await attempt(otherCode(code));
    t.equal(r.status, 400);
    t.equal(r.body.code, 'GW_CODE_INVALID');
  }
  const right = await attempt(code);
  t.equal(right.status, 400, 'locked after five wrong tries');
  t.equal(right.body.code, 'GW_CODE_INVALID');
  t.equal(await accountCount(), before, 'nothing written');
});

t.test('an expired code opens nothing', async (t) => {
  const w = await registeredWorker();
  await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone });
  const code = await codeSentTo(w.phone);
  await db.query(`UPDATE gateway.one_time_codes SET expires_at = now() - interval '1 second' WHERE phone_hash = $1`, [
    phones.hash(w.phone),
  ]);
  const before = await accountCount();
  const r = await stack.api.post('/api/v1/auth/activation', {
    idNumber: w.idNumber,
    phone: w.phone,
    code,
    username: 'worker.expired',
    password: 'Activated-2026',
  });
  t.equal(r.status, 400);
  t.equal(r.body.code, 'GW_CODE_INVALID');
  t.equal(await accountCount(), before);
});

t.test('a flood of code requests for one phone is refused with 429, registered or not', async (t) => {
  const w = await registeredWorker();
  for (const body of [
    { idNumber: w.idNumber, phone: w.phone },
    { idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1991-07-08', sequence: 31 }), phone: freshPhone() },
  ]) {
    t.equal((await stack.api.post('/api/v1/auth/activation/code', body)).status, 202);
    const flood = await stack.api.post('/api/v1/auth/activation/code', body);
    t.equal(flood.status, 429);
    t.equal(flood.body.code, 'GW_CODE_REQUESTS_LIMITED');
    t.ok(Number(flood.headers.get('retry-after')) > 0, 'says when to come back');
  }
  t.equal(await codesFor(w.phone), 1, 'one code sent, not two');
});

t.test('a forgotten password is reset with a code to the phone on the account; old sessions end', async (t) => {
  const w = await registeredWorker();
  await stack.api.post('/api/v1/auth/activation/code', { idNumber: w.idNumber, phone: w.phone });
  const activated = await stack.api.post('/api/v1/auth/activation', {
    idNumber: w.idNumber,
    phone: w.phone,
    code: await codeSentTo(w.phone),
    username: 'worker.forgetful',
    password: 'Activated-2026',
  });
  t.equal(activated.status, 201);
  const oldToken = activated.body.accessToken as string;

  const unknown = await stack.api.post('/api/v1/auth/password-reset/code', { username: 'nobody.here' });
  const asked = await stack.api.post('/api/v1/auth/password-reset/code', { username: 'worker.forgetful' });
  t.equal(asked.status, 202);
  t.same(unknown.body, asked.body, 'an unknown username gets the same answer');
  t.equal(
    (await stack.api.post('/api/v1/auth/password-reset/code', { username: 'a', phone: w.phone })).status,
    400,
    'a username or a phone, not both',
  );
  const code = await codeSentTo(w.phone, 2);

  const wrong = await stack.api.post('/api/v1/auth/password-reset', {
    username: 'worker.forgetful',
    code: otherCode(code),
    newPassword: 'Forgotten-2026',
  });
  t.equal(wrong.status, 400);
  t.equal(wrong.body.code, 'GW_CODE_INVALID');
  t.ok(await stack.login('worker.forgetful', 'Activated-2026'), 'a wrong code changes nothing');

  const reset = await stack.api.post('/api/v1/auth/password-reset', {
    username: 'worker.forgetful',
    code,
    newPassword: 'Forgotten-2026',
  });
  t.equal(reset.status, 204, JSON.stringify(reset.body));
  t.equal((await stack.api.get('/api/v1/auth/me', oldToken)).status, 401, 'the earlier token is void');
  t.ok(await stack.login('worker.forgetful', 'Forgotten-2026'));
  t.equal(
    (await stack.api.post('/api/v1/auth/token', { username: 'worker.forgetful', password: 'Activated-2026' })).status,
    401,
  );
  const replay = await stack.api.post('/api/v1/auth/password-reset', {
    username: 'worker.forgetful',
    code,
    newPassword: 'Replayed-pass-2026',
  });
  t.equal(replay.body.code, 'GW_CODE_INVALID', 'a used code cannot reset again');
  const announced = await db.query(
    `SELECT payload FROM gateway.outbox WHERE payload->>'type' = 'account.sessions-revoked' AND payload->'data'->>'reason' = 'password-reset'`,
  );
  t.equal(announced.rowCount, 1, 'the revocation is announced to every service');
});

t.test('only administrators read the message log and ask the registry to identify a worker', async (t) => {
  const officer = await stack.login('officer.yixing');
  const w = await registeredWorker();
  const identify = (token?: string, phone = w.phone) =>
    stack.api.post('/api/v1/workers/identify', { idNumber: w.idNumber, phone }, token);
  t.equal((await identify(officer)).status, 403);
  t.equal((await identify()).status, 401);
  const found = await identify(admin);
  t.same(found.body, { workerId: w.id, name: found.body.name });
  t.notOk(JSON.stringify(found.body).includes(w.phone), 'no phone in the answer');
  t.equal((await identify(admin, freshPhone())).status, 404, 'a phone not on record is not found');
  t.equal((await stack.api.get('/api/v1/admin/message-log', officer)).status, 403);
  t.equal((await stack.api.get('/api/v1/admin/message-log')).status, 401);
  const page = await stack.api.get('/api/v1/admin/message-log?limit=1', admin);
  t.equal(page.status, 200);
  t.equal(page.body.items.length, 1);
  const older = await stack.api.get(
    `/api/v1/admin/message-log?limit=1&before=${encodeURIComponent(page.body.items[0].createdAt)}`,
    admin,
  );
  t.not(older.body.items[0]?.id, page.body.items[0].id, 'before pages back');
});
