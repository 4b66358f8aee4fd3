/**
 * Issue 15 (ADR 0018): an employer signs up with its company, posts a draft opening, cannot open it
 * before the administrator verifies the company from the queue of those waiting, and can after. A
 * refused company leaves no account behind; sign-ups are limited per address.
 */
import { type Stack, startStack } from '@tongxin/test-harness';
import t from 'tap';
import { creditCode, openingInput } from '../../employer/test/helpers/fixtures.ts';

const LIMIT = 10;
let stack: Stack;
let admin: string;
t.before(async () => {
  stack = await startStack({
    services: ['employer'],
    settings: { EMPLOYER_SIGN_UPS_PER_ADDRESS_PER_HOUR: String(LIMIT) },
  });
  admin = await stack.login('admin');
});
t.teardown(() => stack?.stop());

let n = 0;
const signUp = (overrides: Record<string, unknown> = {}, company: Record<string, unknown> = {}) => ({
  username: `employer.signup.${n++}`,
  password: 'a-good-pass-2026',
  displayName: '同心建材',
  contact: { name: '王经理', phone: '13935400001' },
  company: {
    name: `和顺县同心建材有限公司${n}`,
    creditCode: creditCode(),
    industry: 'construction',
    regionCode: '140723100',
    address: '义兴镇新建街 8 号',
    ...company,
  },
  ...overrides,
});

t.test('sign up → draft opening → cannot open before verification → verified from the queue → opens', async (t) => {
  const body = signUp();
  const r = await stack.api.post('/api/v1/auth/employer-signup', body);
  t.equal(r.status, 201, JSON.stringify(r.body));
  t.match(r.body, { tokenType: 'Bearer', role: 'employer', employerStatus: 'pending', employerId: String });
  const token = r.body.accessToken as string;
  const employerId = r.body.employerId as string;

  // The token issued at sign-up already acts for the company; so does a fresh sign-in.
  const me = await stack.api.get('/api/v1/auth/me', token);
  t.equal(me.body.employerId, employerId, 'the sign-up token carries the employerId');
  const signIn = await stack.api.post('/api/v1/auth/token', { username: body.username, password: body.password });
  t.equal(signIn.status, 200);
  t.equal(signIn.body.employerId, employerId, 'a sign-in right after carries it too');

  const own = await stack.api.get(`/api/v1/employers/${employerId}`, token);
  t.equal(own.status, 200);
  t.match(own.body, { status: 'pending', creditCode: body.company.creditCode, contact: body.contact });

  // Its own company only: another company is not there for it.
  const other = await stack.api.post('/api/v1/employers', { ...body.company, creditCode: creditCode() }, admin);
  t.equal((await stack.api.get(`/api/v1/employers/${other.body.id}`, token)).status, 404);
  const mine = await stack.api.get('/api/v1/employers', token);
  t.same(
    mine.body.items.map((e: { id: string }) => e.id),
    [employerId],
  );
  const foreign = await stack.api.post('/api/v1/openings', openingInput(other.body.id), token);
  t.ok([403, 404].includes(foreign.status), `no opening for another company (${foreign.status})`);

  const draft = await stack.api.post('/api/v1/openings', openingInput(employerId), token);
  t.equal(draft.status, 201, JSON.stringify(draft.body));
  t.equal(draft.body.status, 'draft');
  const early = await stack.api.patch(`/api/v1/openings/${draft.body.id}`, { status: 'open' }, token);
  t.equal(early.status, 409);
  t.equal(early.body.code, 'EMPLOYER_NOT_VERIFIED');

  // The administrator's queue: pending companies, oldest first, each with when it registered.
  const queue = await stack.api.get('/api/v1/employers?status=pending&limit=100', admin);
  t.equal(queue.status, 200);
  const ids = queue.body.items.map((e: { id: string }) => e.id);
  t.ok(ids.includes(employerId), 'the new company waits in the queue');
  t.ok(ids.indexOf(other.body.id) > ids.indexOf(employerId), 'oldest first');
  const created = queue.body.items.map((e: { createdAt: string }) => e.createdAt);
  t.same([...created].sort(), created, 'ordered by registration time');

  t.equal((await stack.api.post(`/api/v1/employers/${employerId}/verify`, undefined, token)).status, 403);
  const verified = await stack.api.post(`/api/v1/employers/${employerId}/verify`, undefined, admin);
  t.equal(verified.status, 200);
  const after = await stack.api.get('/api/v1/employers?status=pending&limit=100', admin);
  t.notOk(
    after.body.items.some((e: { id: string }) => e.id === employerId),
    'a verified company leaves the queue',
  );
  const open = await stack.api.patch(`/api/v1/openings/${draft.body.id}`, { status: 'open' }, token);
  t.equal(open.status, 200, JSON.stringify(open.body));
  t.equal(open.body.status, 'open');
});

t.test('a refused company leaves no account: bad credit code, taken credit code', async (t) => {
  const bad = signUp({}, { creditCode: '91140723MA0000000X' });
  const r = await stack.api.post('/api/v1/auth/employer-signup', bad, undefined, { 'accept-language': 'en' });
  t.equal(r.status, 400, JSON.stringify(r.body));
  t.equal(r.body.code, 'VALIDATION_FAILED');
  t.ok(
    r.body.errors.some((e: { field: string }) => e.field === 'company/creditCode'),
    `names company/creditCode: ${JSON.stringify(r.body.errors)}`,
  );
  const zh = await stack.api.post('/api/v1/auth/employer-signup', { ...bad, username: `${bad.username}.zh` });
  t.equal(zh.status, 400);
  t.match(zh.body.title, /[\u4e00-\u9fff]/, 'Chinese by default');
  t.equal(
    (await stack.api.post('/api/v1/auth/token', { username: bad.username, password: bad.password })).status,
    401,
    'no account was left behind',
  );

  const first = signUp();
  t.equal((await stack.api.post('/api/v1/auth/employer-signup', first)).status, 201);
  const again = signUp({}, { creditCode: first.company.creditCode });
  const taken = await stack.api.post('/api/v1/auth/employer-signup', again);
  t.equal(taken.status, 409);
  t.equal(taken.body.code, 'EMPLOYER_ALREADY_REGISTERED');
  t.ok(taken.body.errors.some((e: { field: string }) => e.field === 'company/creditCode'));
  t.equal(
    (await stack.api.post('/api/v1/auth/token', { username: again.username, password: again.password })).status,
    401,
  );
  // The username of the refused sign-up is free: the same person can try again with a correct company.
  const retry = await stack.api.post('/api/v1/auth/employer-signup', { ...again, company: signUp().company });
  t.equal(retry.status, 201, JSON.stringify(retry.body));
});

t.test('a taken username is the usual 409; a weak password the usual 400', async (t) => {
  const taken = await stack.api.post('/api/v1/auth/employer-signup', signUp({ username: 'officer.yixing' }));
  t.equal(taken.status, 409);
  t.equal(taken.body.code, 'USERNAME_TAKEN');
  const weak = await stack.api.post('/api/v1/auth/employer-signup', signUp({ password: 'short' }));
  t.equal(weak.status, 400);
  t.equal(weak.body.code, 'WEAK_PASSWORD');
  t.same(
    weak.body.errors.map((e: { field: string }) => e.field),
    ['password'],
  );
});

t.test('the employer service not answering: 503, and no account left', async (t) => {
  const body = signUp();
  await stack.services.employer!.close();
  const r = await stack.api.post('/api/v1/auth/employer-signup', body);
  t.equal(r.status, 503, JSON.stringify(r.body));
  t.equal(r.body.code, 'SERVICE_UNAVAILABLE');
  t.equal(r.headers.get('retry-after'), '5', 'with Retry-After');
  t.equal(
    (await stack.api.post('/api/v1/auth/token', { username: body.username, password: body.password })).status,
    401,
    'no account was left behind',
  );
});

t.test('sign-ups per address are limited', async (t) => {
  let last = await stack.api.post('/api/v1/auth/employer-signup', signUp());
  for (let i = 0; i < LIMIT && last.status !== 429; i++) {
    last = await stack.api.post('/api/v1/auth/employer-signup', signUp());
  }
  t.equal(last.status, 429);
  t.equal(last.body.code, 'RATE_LIMITED');
  t.ok(Number(last.headers.get('retry-after')) > 0, 'with Retry-After');
});
