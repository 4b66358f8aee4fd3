/**
 * Issue 12 part 2: changing and resetting passwords, disabling accounts, signing out everywhere,
 * listing accounts; and revocation — a token issued before any of these is refused within 5 s by the
 * gateway and by a service reached directly (ADR 0004).
 */
import { ApiClient, type Stack, eventually, startStack } from '@tongxin/test-harness';
import t, { type Test } from 'tap';
import { workerInput } from '../../worker-profile/test/fixtures.ts';

let stack: Stack;
let direct: ApiClient;
let admin: string;
let matching: ApiClient;
let workerId: string;
t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'matching'] });
  // worker-profile and matching on their own ports: no gateway in front of them.
  direct = new ApiClient(stack.services['worker-profile']!.listeningOrigin);
  matching = new ApiClient(stack.services.matching!.listeningOrigin);
  admin = await stack.login('admin');
  const w = await stack.api.post('/api/v1/workers', workerInput(), await stack.login('officer.yixing'));
  if (w.status !== 201) throw new Error(JSON.stringify(w.body));
  workerId = w.body.id;
});
t.teardown(() => stack?.stop());

const REVOKED_WITHIN_MS = 5_000;

async function createAccount(body: Record<string, unknown>): Promise<string> {
  const r = await stack.api.post('/api/v1/accounts', { displayName: '测试', ...body }, admin);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id;
}

/** An officer account of 义兴镇 (it may list workers at worker-profile) and its first token. */
async function officer(username: string, password = 'first-pass-1') {
  const id = await createAccount({ username, password, role: 'officer', regions: ['140723100'] });
  return { id, token: await stack.login(username, password) };
}

const atGateway = (token: string) => stack.api.get('/api/v1/auth/me', token);
const atService = (token: string) => direct.get('/api/v1/workers?limit=1', token);
const atMatching = (token: string) => matching.get('/api/v1/taxonomy/skills?q=%E7%84%8A', token);

/** Both the gateway and the service reached directly accept the token. */
async function accepted(t: Test, token: string, what: string) {
  t.equal((await atGateway(token)).status, 200, `${what}: accepted by the gateway`);
  t.equal((await atService(token)).status, 200, `${what}: accepted by worker-profile directly`);
  t.equal((await atMatching(token)).status, 200, `${what}: accepted by matching directly`);
}

/** Polls until both refuse the token with 401, failing if that takes more than 5 s. */
async function refusedWithin5s(t: Test, token: string, what: string, since: number) {
  await eventually(
    `the gateway to refuse ${what}`,
    async () => (await atGateway(token)).status === 401,
    REVOKED_WITHIN_MS,
  );
  const r = await eventually(
    `worker-profile to refuse ${what}`,
    async () => {
      const x = await atService(token);
      return x.status === 401 ? x : undefined;
    },
    REVOKED_WITHIN_MS,
  );
  t.equal(r.body.code, 'AUTH_REQUIRED', 'a problem');
  await eventually(
    `matching to refuse ${what}`,
    async () => (await atMatching(token)).status === 401,
    REVOKED_WITHIN_MS,
  );
  const took = Date.now() - since;
  t.ok(took <= REVOKED_WITHIN_MS + 500, `${what} refused at the gateway and directly after ${took} ms`);
}

const fieldOf = (body: { errors?: { field: string }[] }) => body.errors?.map((e) => e.field);

t.test('a person changes their own password: old one required, policy applies, old tokens end', async (t) => {
  const { token } = await officer('clerk.change');
  await accepted(t, token, 'the first token');
  const change = (body: unknown) => stack.api.post('/api/v1/auth/password', body, token);

  const missing = await change({ newPassword: 'second-pass-2' });
  t.equal(missing.status, 400);
  t.same(fieldOf(missing.body), ['currentPassword'], 'the old password is required');
  const wrong = await change({ currentPassword: 'not-my-pass', newPassword: 'second-pass-2' });
  t.equal(wrong.status, 400);
  t.equal(wrong.body.code, 'WRONG_PASSWORD');
  t.same(fieldOf(wrong.body), ['currentPassword']);
  for (const weak of ['short-1', 'Tongxin#2026', 'clerk.change', 'first-pass-1']) {
    const r = await change({ currentPassword: 'first-pass-1', newPassword: weak });
    t.equal(r.status, 400, `${weak} refused`);
    t.equal(r.body.code, 'WEAK_PASSWORD');
    t.same(fieldOf(r.body), ['newPassword']);
  }
  await accepted(t, token, 'after refused changes the token');
  t.equal((await stack.api.post('/api/v1/auth/password', { currentPassword: 'x', newPassword: 'y' })).status, 401);

  const since = Date.now();
  t.equal((await change({ currentPassword: 'first-pass-1', newPassword: 'second-pass-2' })).status, 204);
  // Signed in again at once, in the same second: the new token stands (versions, not seconds).
  const fresh = await stack.login('clerk.change', 'second-pass-2');
  await refusedWithin5s(t, token, 'the token from before the change', since);
  await accepted(t, fresh, 'a token from right after the change');
  const old = await stack.api.post('/api/v1/auth/token', { username: 'clerk.change', password: 'first-pass-1' });
  t.equal(old.status, 401, 'the old password no longer signs in');
});

t.test('an administrator resets a password; the policy applies to resets too', async (t) => {
  const { id, token } = await officer('clerk.reset');
  const reset = (body: unknown, as = admin, who = id) => stack.api.post(`/api/v1/accounts/${who}/password`, body, as);
  t.equal((await reset({ newPassword: 'reset-pass-22' }, token)).status, 403, 'officers cannot');
  t.equal((await reset({ newPassword: 'reset-pass-22' }, admin, crypto.randomUUID())).status, 404);
  t.same(fieldOf((await reset({ newPassword: 'Tongxin#2026' })).body), ['newPassword']);
  t.same(fieldOf((await reset({ newPassword: 'too-short' })).body), ['newPassword']);
  t.same(fieldOf((await reset({})).body), ['newPassword']);
  const badId = await stack.api.post('/api/v1/accounts/not-a-uuid/password', { newPassword: 'reset-pass-22' }, admin);
  t.equal(badId.status, 400);
  await accepted(t, token, 'after refused resets the token');

  const since = Date.now();
  t.equal((await reset({ newPassword: 'reset-pass-22' })).status, 204);
  await refusedWithin5s(t, token, 'the token from before the reset', since);
  await accepted(t, await stack.login('clerk.reset', 'reset-pass-22'), 'the new password signs in; its token');
});

t.test('a disabled account cannot sign in (same answer as a wrong password) and its tokens end', async (t) => {
  const id = await createAccount({ username: 'worker.disabled', password: 'worker-pass-1', role: 'worker', workerId });
  const token = await stack.login('worker.disabled', 'worker-pass-1');
  const ownRecord = (tk: string) => direct.get(`/api/v1/workers/${workerId}`, tk);
  t.equal((await ownRecord(token)).status, 200, 'the worker reads its record directly');
  t.equal((await stack.api.post(`/api/v1/accounts/${id}/disable`, undefined, token)).status, 403);

  const since = Date.now();
  const disabled = await stack.api.post(`/api/v1/accounts/${id}/disable`, undefined, admin);
  t.equal(disabled.status, 200);
  t.equal(disabled.body.disabled, true);
  await eventually(
    'worker-profile to refuse the disabled account',
    async () => (await ownRecord(token)).status === 401,
    REVOKED_WITHIN_MS,
  );
  await eventually('the gateway to refuse it', async () => (await atGateway(token)).status === 401, REVOKED_WITHIN_MS);
  t.ok(Date.now() - since <= REVOKED_WITHIN_MS + 500, `refused at both after ${Date.now() - since} ms`);

  const right = await stack.api.post('/api/v1/auth/token', { username: 'worker.disabled', password: 'worker-pass-1' });
  const wrong = await stack.api.post('/api/v1/auth/token', { username: 'worker.disabled', password: 'wrong-pass-1' });
  t.equal(right.status, 401, 'the right password does not sign in');
  t.same(right.body, { ...wrong.body, instance: right.body.instance }, 'the same answer as a wrong password');

  const enabled = await stack.api.post(`/api/v1/accounts/${id}/enable`, undefined, admin);
  t.equal(enabled.status, 200);
  t.equal(enabled.body.disabled, false);
  const again = await stack.login('worker.disabled', 'worker-pass-1');
  t.equal((await ownRecord(again)).status, 200, 'enabled again: a new sign-in works directly');
  t.equal((await atGateway(token)).status, 401, 'the token from before the disable stays void');
  t.equal((await ownRecord(token)).status, 401);

  const self = await stack.api.get('/api/v1/auth/me', admin);
  const selfDisable = await stack.api.post(`/api/v1/accounts/${self.body.sub}/disable`, undefined, admin);
  t.equal(selfDisable.status, 409, 'an administrator cannot lock themselves out');
  t.equal((await stack.api.post(`/api/v1/accounts/${crypto.randomUUID()}/enable`, undefined, admin)).status, 404);
});

t.test('sign out everywhere ends every earlier token of the account, and only of it', async (t) => {
  const { token: first } = await officer('clerk.everywhere');
  const second = await stack.login('clerk.everywhere', 'first-pass-1');
  const { token: colleague } = await officer('clerk.colleague');
  t.equal((await stack.api.post('/api/v1/auth/sign-out-everywhere', undefined)).status, 401);

  const since = Date.now();
  t.equal((await stack.api.post('/api/v1/auth/sign-out-everywhere', undefined, second)).status, 204);
  await refusedWithin5s(t, first, 'the first token', since);
  await refusedWithin5s(t, second, 'the token that signed out', since);
  await accepted(t, colleague, "a colleague's token");
  await accepted(t, await stack.login('clerk.everywhere', 'first-pass-1'), 'a new sign-in');
});

t.test('administrators list accounts a page at a time', async (t) => {
  const officerToken = await stack.login('officer.yixing');
  t.equal((await stack.api.get('/api/v1/accounts', officerToken)).status, 403);
  t.equal((await stack.api.get('/api/v1/accounts')).status, 401);
  const seen: { username: string; disabled: boolean; role: string }[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 50; pages++) {
    const r = await stack.api.get(`/api/v1/accounts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin);
    t.equal(r.status, 200);
    t.ok(r.body.items.length <= 2);
    seen.push(...r.body.items);
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  const names = seen.map((a) => a.username);
  t.same(names, [...names].sort(), 'by username');
  t.equal(new Set(names).size, names.length, 'no account twice');
  t.ok(names.includes('admin') && names.includes('officer.yixing'));
  t.notOk(JSON.stringify(seen).includes('scrypt'), 'no password hashes');
  const workers = await stack.api.get('/api/v1/accounts?role=worker', admin);
  t.ok(workers.body.items.every((a: { role: string }) => a.role === 'worker'));
  const bad = await stack.api.get('/api/v1/accounts?cursor=%21%21', admin);
  t.equal(bad.status, 400);
  t.same(fieldOf(bad.body), ['cursor']);
  t.same(fieldOf((await stack.api.get('/api/v1/accounts?limit=0', admin)).body), ['limit']);
});

t.test('new accounts follow the password policy; seeded ones keep theirs', async (t) => {
  for (const password of ['Tongxin#2026', 'nine-char']) {
    const r = await stack.api.post(
      '/api/v1/accounts',
      { username: 'clerk.weak', password, role: 'officer', displayName: '弱', regions: ['140723100'] },
      admin,
    );
    t.equal(r.status, 400);
    t.same(fieldOf(r.body), ['password']);
  }
  t.ok(await stack.login('officer.songyan'), 'the seeded accounts still sign in with the demo password');
});
