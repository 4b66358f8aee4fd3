import { type Stack, startStack } from '@tongxin/test-harness';
import t from 'tap';
import { employerInput } from '../../employer/test/helpers/fixtures.ts';

let stack: Stack;
t.before(async () => {
  stack = await startStack({ services: ['employer'] });
});
t.teardown(() => stack?.stop());

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

t.test('sign-in: wrong passwords and unknown users get the same answer', async (t) => {
  const wrong = await stack.api.post('/api/v1/auth/token', { username: 'admin', password: 'nope' });
  const unknown = await stack.api.post('/api/v1/auth/token', { username: 'nobody', password: 'nope' });
  t.equal(wrong.status, 401);
  t.equal(unknown.status, 401);
  t.equal(wrong.body.code, unknown.body.code);
  t.equal((await stack.api.post('/api/v1/auth/token', { username: 'admin' })).status, 400);
});

t.test('only administrators create accounts; usernames are unique', async (t) => {
  const admin = await stack.login('admin');
  const officer = await stack.login('officer.yixing');
  const account = {
    username: 'clerk.one',
    password: 'clerk-pass-1',
    role: 'officer',
    displayName: '文员',
    regions: ['140723100'],
  };
  t.equal((await stack.api.post('/api/v1/accounts', account, officer)).status, 403);
  t.equal((await stack.api.post('/api/v1/accounts', account, admin)).status, 201);
  t.equal((await stack.api.post('/api/v1/accounts', account, admin)).status, 409);
  t.equal((await stack.api.post('/api/v1/accounts', { ...account, username: 'x', role: 'root' }, admin)).status, 400);
});

t.test('an employer account that registers its company acts for it from its next sign-in', async (t) => {
  const admin = await stack.login('admin');
  const created = await stack.api.post(
    '/api/v1/accounts',
    { username: 'boss.new', password: 'boss-pass-1', role: 'employer', displayName: '新企业' },
    admin,
  );
  t.equal(created.status, 201);
  const before = await stack.login('boss.new', 'boss-pass-1');
  t.notOk((await stack.api.get('/api/v1/auth/me', before)).body.employerId);
  const employer = await stack.api.post('/api/v1/employers', employerInput(), before);
  t.equal(employer.status, 201, JSON.stringify(employer.body));
  const linked = await until(async () => {
    const token = await stack.login('boss.new', 'boss-pass-1');
    const me = (await stack.api.get('/api/v1/auth/me', token)).body;
    return me.employerId ? me : undefined;
  });
  t.equal(linked.employerId, employer.body.id);
});

t.test('sign-in attempts are rate limited with a problem and Retry-After', async (t) => {
  let limited;
  for (let i = 0; i < 40 && !limited; i++) {
    const r = await stack.api.post('/api/v1/auth/token', { username: 'guess', password: `p${i}` });
    if (r.status === 429) limited = r;
  }
  t.ok(limited, 'refused within 40 attempts (the limit is 30 a minute)');
  t.equal(limited?.body.code, 'RATE_LIMITED');
  t.ok(Number(limited?.headers.get('retry-after')) > 0);
});

t.test('the sign-in limit is per username: others from the same address still sign in', async (t) => {
  t.equal((await stack.api.post('/api/v1/auth/token', { username: 'guess', password: 'again' })).status, 429);
  t.ok(await stack.login('officer.yixing'), 'another account signs in from the same address');
});

t.test('failed sign-ins are limited per address too: rotating usernames does not buy more guesses', async (t) => {
  // 100 failures a minute per address (a village office shares one); the ip|username limit is 30.
  let limited;
  let failures = 0;
  for (let i = 0; i < 140 && !limited; i++) {
    // A new username every time: the ip|username limit never triggers.
    const r = await stack.api.post('/api/v1/auth/token', { username: `rotate.${i}`, password: `guess-${i}` });
    if (r.status === 429) limited = r;
    else if (r.status === 401) failures++;
  }
  t.ok(limited, `refused after ${failures} failures from one address with rotating usernames`);
  t.ok(failures >= 60 && failures <= 100, `within the per-address budget (${failures}, with earlier failures)`);
  t.equal(limited?.body.code, 'RATE_LIMITED');
  t.ok(Number(limited?.headers.get('retry-after')) > 0, 'with Retry-After');
  const right = await stack.api.post('/api/v1/auth/token', { username: 'officer.songyan', password: 'Tongxin#2026' });
  t.equal(right.status, 429, 'until the window passes, this address cannot sign in at all');
});
