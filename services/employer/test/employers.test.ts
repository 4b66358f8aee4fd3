import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { creditCode, day, employerInput, openingInput } from './helpers/fixtures.ts';

let stack: Stack;
let admin: string;
let officer: string;
let db: pg.Client;

t.before(async () => {
  stack = await startStack({ services: ['employer'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db.end();
  await stack.stop();
});

const count = async (table: string): Promise<number> =>
  (await db.query(`SELECT count(*)::int AS n FROM employer.${table}`)).rows[0].n;

/** A verified employer, registered by the administrator. */
async function verifiedEmployer(overrides: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const r = await stack.api.post('/api/v1/employers', employerInput(overrides), admin);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  const v = await stack.api.post(`/api/v1/employers/${r.body.id}/verify`, undefined, admin);
  if (v.status !== 200) throw new Error(JSON.stringify(v.body));
  return r.body;
}

/** An employer account linked to a company. */
async function employerAccount(username: string, employerId?: string): Promise<string> {
  const r = await stack.api.post(
    '/api/v1/accounts',
    {
      username,
      password: 'employer-pass',
      role: 'employer',
      displayName: username,
      ...(employerId ? { employerId } : {}),
    },
    admin,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return stack.login(username, 'employer-pass');
}

t.test(
  `employers: register, read, update, list, verify, suspend (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const input = employerInput({
      regionCode: '320505',
      name: '苏州高新电子有限公司',
      industry: 'manufacturing',
      creditCode: creditCode('320505').toLowerCase(),
    });
    const created = await stack.api.post('/api/v1/employers', input, officer);
    t.equal(created.status, 201, JSON.stringify(created.body));
    t.match(created.body, {
      name: input.name,
      creditCode: input.creditCode.toUpperCase(),
      status: 'pending',
      tier: 'out_of_province',
      version: 1,
    });
    const id = created.body.id;

    const read = await stack.api.get(`/api/v1/employers/${id}`, admin);
    t.equal(read.status, 200);
    t.equal(read.body.regionName, '虎丘区');

    const updated = await stack.api.patch(
      `/api/v1/employers/${id}`,
      { contact: { name: '李主管', phone: '0512-66660000' } },
      officer,
    );
    t.equal(updated.status, 200, JSON.stringify(updated.body));
    t.equal(updated.body.version, 2);

    const verified = await stack.api.post(`/api/v1/employers/${id}/verify`, undefined, admin);
    t.equal(verified.status, 200);
    t.equal(verified.body.status, 'verified');
    t.ok(verified.body.verifiedAt);
    const again = await stack.api.post(`/api/v1/employers/${id}/verify`, undefined, admin);
    t.equal(again.status, 409);
    t.equal(again.body.code, 'EMPLOYER_ILLEGAL_TRANSITION');

    t.equal(
      (await stack.api.post(`/api/v1/employers/${id}/suspend`, { reason: '拖欠工资' }, officer)).status,
      403,
      'officers do not suspend',
    );
    const suspended = await stack.api.post(`/api/v1/employers/${id}/suspend`, { reason: '拖欠工资' }, admin);
    t.equal(suspended.status, 200);
    t.match(suspended.body, { status: 'suspended', suspensionReason: '拖欠工资' });
    t.equal(
      (await stack.api.post(`/api/v1/employers/${id}/suspend`, { reason: 'x' }, admin)).body.code,
      'EMPLOYER_ILLEGAL_TRANSITION',
    );
    t.equal(
      (await stack.api.post(`/api/v1/employers/${id}/verify`, undefined, admin)).body.status,
      'verified',
      'suspended → verified',
    );

    const pending = (await stack.api.post('/api/v1/employers', employerInput(), admin)).body;
    const early = await stack.api.post(`/api/v1/employers/${pending.id}/suspend`, { reason: 'x' }, admin);
    t.equal(early.status, 409, 'pending cannot be suspended');
    t.match(early.body, { code: 'EMPLOYER_ILLEGAL_TRANSITION', from: 'pending', to: 'suspended' });

    const list = await stack.api.get('/api/v1/employers?tier=out_of_province&status=verified', officer);
    t.equal(list.status, 200);
    t.ok(list.body.items.some((e: { id: string }) => e.id === id));
    t.notOk(list.body.items.some((e: { id: string }) => e.id === pending.id));
  },
);

t.test('the credit code: GB 32100 check character, and one registration per code', async (t) => {
  const before = await count('employers');
  const good = creditCode();
  const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  for (const [what, code] of [
    ['wrong check character', wrongCheck],
    ['letter O in the code', `91140723MA0O${good.slice(12)}`],
    ['region part not digits', `91ABCDEFMA${good.slice(10)}`],
  ] as const) {
    const r = await stack.api.post('/api/v1/employers', employerInput({ creditCode: code }), admin);
    t.equal(r.status, 400, what);
    t.ok(
      r.body.errors.some((e: { field: string }) => e.field === 'creditCode'),
      `${what} names creditCode`,
    );
  }
  t.equal(await count('employers'), before, 'nothing written');

  const first = await stack.api.post('/api/v1/employers', employerInput({ creditCode: good }), admin);
  t.equal(first.status, 201);
  const dup = await stack.api.post(
    '/api/v1/employers',
    employerInput({ creditCode: good.toLowerCase(), name: '另一家公司' }),
    officer,
  );
  t.equal(dup.status, 409);
  t.equal(dup.body.code, 'EMPLOYER_ALREADY_REGISTERED');
  t.equal(dup.body.existingId, first.body.id, 'names the existing employer');
  const other = (await stack.api.post('/api/v1/employers', employerInput(), admin)).body;
  const steal = await stack.api.patch(`/api/v1/employers/${other.id}`, { creditCode: good }, admin);
  t.equal(steal.status, 409, 'an update cannot take another employer’s code');
});

t.test('registrations racing with one credit code: one wins, the others get the domain error', async (t) => {
  const code = creditCode();
  const results = await Promise.all(
    Array.from({ length: 4 }, (_, i) =>
      stack.api.post('/api/v1/employers', employerInput({ creditCode: code, name: `竞速公司${i}` }), admin),
    ),
  );
  t.same(results.map((r) => r.status).sort(), [201, 409, 409, 409], 'never a 500 from the unique constraint');
  for (const r of results.filter((x) => x.status === 409)) {
    t.match(r.body, { code: 'EMPLOYER_ALREADY_REGISTERED', errors: [{ field: 'creditCode' }] });
    t.notMatch(JSON.stringify(r.body), /employers_credit_code_key|duplicate key/, 'no database detail leaks');
  }
  t.equal(
    (await db.query('SELECT count(*)::int AS n FROM employer.employers WHERE credit_code = $1', [code])).rows[0].n,
    1,
  );
});

t.test('self-registration: an employer account registers its company and acts for it', async (t) => {
  const token = await employerAccount('employer.self');
  const created = await stack.api.post(
    '/api/v1/employers',
    employerInput({ name: '和顺县松烟农业合作社', industry: 'agriculture', regionCode: '140723102' }),
    token,
  );
  t.equal(created.status, 201, JSON.stringify(created.body));
  t.equal(created.body.status, 'pending');
  t.ok(created.body.ownerAccountId);
  t.equal((await stack.api.get(`/api/v1/employers/${created.body.id}`, token)).status, 200);
  const mine = await stack.api.get('/api/v1/employers', token);
  t.same(
    mine.body.items.map((e: { id: string }) => e.id),
    [created.body.id],
    'lists only its own company',
  );
  const second = await stack.api.post('/api/v1/employers', employerInput(), token);
  t.equal(second.status, 409);
  t.equal(second.body.code, 'EMPLOYER_ACCOUNT_ALREADY_LINKED');

  const draft = await stack.api.post(
    '/api/v1/openings',
    openingInput(created.body.id, { occupationCode: 'agr.mushroom', requiredSkills: [] }),
    token,
  );
  t.equal(draft.status, 201, JSON.stringify(draft.body));
  t.equal(draft.body.status, 'draft');
  const open = await stack.api.patch(`/api/v1/openings/${draft.body.id}`, { status: 'open' }, token);
  t.equal(open.status, 409, 'an unverified employer cannot open');
  t.equal(open.body.code, 'EMPLOYER_NOT_VERIFIED');
  const openAtOnce = await stack.api.post('/api/v1/openings', openingInput(created.body.id, { status: 'open' }), token);
  t.equal(openAtOnce.status, 409);
  t.equal(
    (await stack.api.post(`/api/v1/employers/${created.body.id}/verify`, undefined, token)).status,
    403,
    'employers do not verify themselves',
  );
  await stack.api.post(`/api/v1/employers/${created.body.id}/verify`, undefined, admin);
  const now = await stack.api.patch(`/api/v1/openings/${draft.body.id}`, { status: 'open' }, token);
  t.equal(now.status, 200);
  t.equal(now.body.status, 'open');
  t.ok(now.body.publishedAt);
  t.equal(now.body.employerVerified, true);
  t.equal(
    (await stack.api.patch(`/api/v1/employers/${created.body.id}`, { creditCode: creditCode() }, token)).status,
    403,
    'credit code changes are for county staff',
  );
});

t.test('the tier is derived from the worksite, never accepted', async (t) => {
  const e = await verifiedEmployer();
  for (const [code, tier] of [
    ['140723100236', 'in_county'],
    ['140723', 'in_county'],
    ['140702', 'in_province'],
    ['320505', 'out_of_province'],
  ] as const) {
    const r = await stack.api.post('/api/v1/openings', openingInput(e.id, { worksiteRegionCode: code }), admin);
    t.equal(r.status, 201, JSON.stringify(r.body));
    t.equal(r.body.tier, tier, `${code} → ${tier}`);
  }
  const moved = (await stack.api.post('/api/v1/openings', openingInput(e.id), admin)).body;
  const patched = await stack.api.patch(`/api/v1/openings/${moved.id}`, { worksiteRegionCode: '320505' }, admin);
  t.equal(patched.body.tier, 'out_of_province', 'moving the worksite moves the tier');
  const withTier = await stack.api.post('/api/v1/openings', { ...openingInput(e.id), tier: 'in_county' }, admin);
  t.equal(withTier.status, 400);
  t.ok(
    withTier.body.errors.some((x: { field: string }) => x.field === 'tier'),
    'tier is an unknown field',
  );
  t.equal((await stack.api.patch(`/api/v1/openings/${moved.id}`, { tier: 'in_county' }, admin)).status, 400);
});

t.test('status moves people make, and the illegal ones refused', async (t) => {
  const e = await verifiedEmployer();
  const draft = (await stack.api.post('/api/v1/openings', openingInput(e.id), admin)).body;
  t.equal(draft.status, 'draft');
  const move = (id: string, status: string) => stack.api.patch(`/api/v1/openings/${id}`, { status }, officer);

  const illegal = await move(draft.id, 'paused');
  t.equal(illegal.status, 409, 'draft → paused refused');
  t.match(illegal.body, { code: 'OPENING_ILLEGAL_TRANSITION', from: 'draft', to: 'paused' });
  t.equal((await move(draft.id, 'open')).body.status, 'open', 'draft → open');
  t.equal((await move(draft.id, 'draft')).body.code, 'OPENING_ILLEGAL_TRANSITION', 'open → draft refused');
  t.equal((await move(draft.id, 'filled')).body.code, 'OPENING_ILLEGAL_TRANSITION', 'filled is counted, not asked for');
  t.equal((await move(draft.id, 'paused')).body.status, 'paused', 'open → paused');
  t.equal((await move(draft.id, 'open')).body.status, 'open', 'paused → open');
  t.equal((await move(draft.id, 'closed')).body.status, 'closed', 'open → closed');
  const reopen = await move(draft.id, 'open');
  t.equal(reopen.status, 409, 'closed is final');
  t.equal(reopen.body.code, 'OPENING_CLOSED');
  t.equal((await stack.api.patch(`/api/v1/openings/${draft.id}`, { headcount: 9 }, admin)).body.code, 'OPENING_CLOSED');

  const d2 = (await stack.api.post('/api/v1/openings', openingInput(e.id), admin)).body;
  t.equal((await move(d2.id, 'closed')).body.status, 'closed', 'draft → closed');
  const p = (await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open' }), admin)).body;
  t.equal(p.status, 'open', 'created open');
  t.equal((await move(p.id, 'paused')).body.status, 'paused');
  t.equal((await move(p.id, 'closed')).body.status, 'closed', 'paused → closed');

  const full = (await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open', headcount: 3 }), admin))
    .body;
  const grown = await stack.api.patch(`/api/v1/openings/${full.id}`, { headcount: 5, wageMax: 9000 }, admin);
  t.match(grown.body, { headcount: 5, wageMax: 9000, status: 'open', version: 2 });
});

t.test('suspension pauses open openings; verification resumes them', async (t) => {
  const e = await verifiedEmployer();
  const a = (await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open' }), admin)).body;
  const b = (await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open' }), admin)).body;
  await stack.api.patch(`/api/v1/openings/${b.id}`, { status: 'paused' }, admin);
  await stack.api.post(`/api/v1/employers/${e.id}/suspend`, { reason: '资质过期' }, admin);
  const pausedA = (await stack.api.get(`/api/v1/openings/${a.id}`, admin)).body;
  t.match(pausedA, { status: 'paused', employerVerified: false });
  t.equal((await stack.api.get(`/api/v1/openings/${a.id}`)).status, 404, 'the public no longer sees it');
  t.equal(
    (await stack.api.patch(`/api/v1/openings/${a.id}`, { status: 'open' }, admin)).body.code,
    'EMPLOYER_NOT_VERIFIED',
  );
  await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
  t.equal((await stack.api.get(`/api/v1/openings/${a.id}`, admin)).body.status, 'open', 'resumed');
  t.equal(
    (await stack.api.get(`/api/v1/openings/${b.id}`, admin)).body.status,
    'paused',
    'a pause the employer chose stays',
  );
});

t.test(
  'scopes: an employer sees and changes only its own; the public sees open openings of verified employers',
  async (t) => {
    const a = await verifiedEmployer({ name: '甲公司' });
    const b = await verifiedEmployer({ name: '乙公司' });
    const tokenA = await employerAccount('employer.jia', a.id);
    const tokenB = await employerAccount('employer.yi', b.id);
    const openA = await stack.api.post('/api/v1/openings', openingInput(a.id, { status: 'open' }), tokenA);
    t.equal(openA.status, 201, JSON.stringify(openA.body));
    const draftA = (await stack.api.post('/api/v1/openings', openingInput(a.id), tokenA)).body;

    t.equal((await stack.api.get(`/api/v1/employers/${a.id}`, tokenB)).status, 404, 'another employer: not found');
    t.equal((await stack.api.patch(`/api/v1/employers/${a.id}`, { name: '改名' }, tokenB)).status, 404);
    t.equal((await stack.api.get(`/api/v1/openings/${draftA.id}`, tokenB)).status, 404, 'another’s opening: not found');
    t.equal(
      (await stack.api.get(`/api/v1/openings/${openA.body.id}`, tokenB)).status,
      404,
      'even an open one, as an employer',
    );
    t.equal(
      (await stack.api.patch(`/api/v1/openings/${openA.body.id}`, { wageMax: 9000 }, tokenB)).status,
      404,
      'cannot change another’s',
    );
    t.equal((await stack.api.patch(`/api/v1/openings/${openA.body.id}`, { status: 'closed' }, tokenB)).status, 404);
    const post = await stack.api.post('/api/v1/openings', openingInput(a.id), tokenB);
    t.equal(post.status, 403, 'cannot post for another');
    const listB = await stack.api.get('/api/v1/openings', tokenB);
    t.notOk(
      listB.body.items.some((o: { employerId: string }) => o.employerId === a.id),
      'lists only its own',
    );
    const listB2 = await stack.api.get(`/api/v1/openings?employerId=${a.id}`, tokenB);
    t.same(listB2.body.items, [], 'even when asking for the other');
    t.equal((await stack.api.get(`/api/v1/openings/${draftA.id}`, tokenA)).status, 200, 'its own draft');
    t.equal((await stack.api.get(`/api/v1/openings/${draftA.id}`, officer)).status, 200, 'officers see all');

    t.equal((await stack.api.get(`/api/v1/openings/${openA.body.id}`)).status, 200, 'anonymous: an open opening');
    t.equal((await stack.api.get(`/api/v1/openings/${draftA.id}`)).status, 404, 'anonymous: not a draft');
    const pub = await stack.api.get('/api/v1/openings?limit=200');
    t.equal(pub.status, 200);
    t.ok(pub.body.items.length > 0);
    t.ok(
      pub.body.items.every(
        (o: { status: string; employerVerified: boolean }) => o.status === 'open' && o.employerVerified,
      ),
      'only open, verified',
    );
    const asked = await stack.api.get('/api/v1/openings?status=draft');
    t.same(asked.body.items, [], 'asking for drafts shows none');
    t.equal((await stack.api.get('/api/v1/employers')).status, 401, 'employers are not public');
  },
);

t.test('list filters and cursor pagination', async (t) => {
  const e = await verifiedEmployer({ name: '筛选测试公司' });
  const poor = (
    await stack.api.post(
      '/api/v1/openings',
      openingInput(e.id, {
        status: 'open',
        reservedForPoor: true,
        occupationCode: 'dom.elder_care',
        requiredSkills: [],
        worksiteRegionCode: '140702',
      }),
      admin,
    )
  ).body;
  await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open', worksiteRegionCode: '320505' }), admin);
  const q = async (query: string) =>
    (await stack.api.get(`/api/v1/openings?employerId=${e.id}&${query}`, officer)).body.items.map(
      (o: { id: string }) => o.id,
    );
  t.same(await q('reservedForPoor=true'), [poor.id], 'reservedForPoor');
  t.same(await q('tier=in_province'), [poor.id], 'tier');
  t.same(await q('occupation=dom.elder_care'), [poor.id], 'occupation code');
  t.same(await q('occupation=养老护理员'), [poor.id], 'occupation by Chinese name');
  t.same(await q('region=1407'), [poor.id], 'region prefix');
  t.equal((await q('status=open')).length, 2, 'status');
  t.equal((await stack.api.get('/api/v1/openings?occupation=宇航员', officer)).status, 400, 'unknown occupation');

  const seen = new Set<string>();
  let cursor: string | undefined;
  let pages = 0;
  do {
    const r = await stack.api.get(`/api/v1/openings?limit=3${cursor ? `&cursor=${cursor}` : ''}`, admin);
    t.equal(r.status, 200);
    for (const o of r.body.items) {
      t.notOk(seen.has(o.id), 'no repeats');
      seen.add(o.id);
    }
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  t.equal(seen.size, await count('openings'), `walked ${pages} pages`);
  t.equal((await stack.api.get('/api/v1/openings?cursor=!!!', admin)).status, 400);
});

t.test('an opening past its closing date is closed when read', async (t) => {
  const e = await verifiedEmployer();
  const o = (
    await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open', startDate: day(-30) }), admin)
  ).body;
  // Time passing, done to the row: the closing date is now yesterday.
  await db.query('UPDATE employer.openings SET closing_date = $2 WHERE id = $1', [o.id, day(-1)]);
  const read = await stack.api.get(`/api/v1/openings/${o.id}`, admin);
  t.equal(read.body.status, 'closed');
  t.equal((await stack.api.get(`/api/v1/openings/${o.id}`)).status, 404, 'and gone from public view');
});

t.test('bad input gets a 4xx problem naming the field, and writes nothing', async (t) => {
  const e = await verifiedEmployer();
  const before = [await count('employers'), await count('openings')];
  const employerCases: [string, Record<string, unknown>, string][] = [
    ['unknown region', { regionCode: '140723999' }, 'regionCode'],
    ['region not a code', { regionCode: 'heshun' }, 'regionCode'],
    ['unknown industry', { industry: 'astronautics' }, 'industry'],
    ['short credit code', { creditCode: '9114072' }, 'creditCode'],
    ['status given', { status: 'verified' }, 'status'],
    ['wrong type', { name: 42 }, 'name'],
  ];
  for (const [what, change, field] of employerCases) {
    const r = await stack.api.post('/api/v1/employers', { ...employerInput(), ...change }, admin);
    t.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status}`);
    t.match(r.headers.get('content-type'), /application\/problem\+json/);
    t.ok(
      r.body.errors?.some((x: { field: string }) => x.field === field),
      `${what} names ${field}: ${JSON.stringify(r.body.errors)}`,
    );
  }
  const openingCases: [string, Record<string, unknown>, string][] = [
    ['wageMin above wageMax', { wageMin: 9000, wageMax: 6000 }, 'wageMax'],
    ['closing before start', { startDate: day(30), closingDate: day(20) }, 'closingDate'],
    ['closing in the past', { startDate: day(-30), closingDate: day(-2) }, 'closingDate'],
    ['no headcount', { headcount: 0 }, 'headcount'],
    ['unknown occupation', { occupationCode: 'con.astronaut' }, 'occupationCode'],
    [
      'unknown required skill',
      { requiredSkills: [{ code: 'con.astronaut', minLevel: 2, certificateRequired: false }] },
      'requiredSkills/0/code',
    ],
    [
      'level out of range',
      { requiredSkills: [{ code: 'con.welder', minLevel: 6, certificateRequired: false }] },
      'requiredSkills/0/minLevel',
    ],
    ['unknown worksite', { worksiteRegionCode: '140723100999' }, 'worksiteRegionCode'],
    ['province worksite', { worksiteRegionCode: '14' }, 'worksiteRegionCode'],
    ['filledCount given', { filledCount: 3 }, 'filledCount'],
    ['status filled', { status: 'filled' }, 'status'],
    ['wage as text', { wageMin: '6000' }, 'wageMin'],
    ['bad date', { startDate: '2027-02-30' }, 'startDate'],
    ['benefits incomplete', { benefits: { housing: true } }, 'benefits/meals'],
    ['employerId not a uuid', { employerId: 'abc' }, 'employerId'],
    ['unknown employer', { employerId: '00000000-0000-4000-8000-000000000000' }, 'employerId'],
  ];
  for (const [what, change, field] of openingCases) {
    const r = await stack.api.post('/api/v1/openings', { ...openingInput(e.id), ...change }, admin);
    t.ok(r.status >= 400 && r.status < 500, `${what}: ${r.status}`);
    t.ok(
      r.body.errors?.some((x: { field: string }) => x.field === field),
      `${what} names ${field}: ${JSON.stringify(r.body.errors)}`,
    );
  }
  const o = (await stack.api.post('/api/v1/openings', openingInput(e.id), admin)).body;
  const afterCreate = await count('openings');
  const patchCases: [string, Record<string, unknown>, string][] = [
    ['wageMax below wageMin on file', { wageMax: 5000 }, 'wageMax'],
    ['start after closing on file', { startDate: day(60) }, 'startDate'],
    ['employerId not changeable', { employerId: e.id }, 'employerId'],
    ['empty patch', {}, 'body'],
  ];
  for (const [what, change, field] of patchCases) {
    const r = await stack.api.patch(`/api/v1/openings/${o.id}`, change, admin);
    t.equal(r.status, 400, what);
    t.ok(
      r.body.errors?.some((x: { field: string }) => x.field === field),
      `${what} names ${field}: ${JSON.stringify(r.body.errors)}`,
    );
  }
  t.equal((await stack.api.get(`/api/v1/openings/${o.id}`, admin)).body.version, 1, 'the opening is unchanged');
  const malformed = await stack.api.request('POST', '/api/v1/openings', {
    token: admin,
    raw: '{"title": ',
    headers: { 'content-type': 'application/json' },
  });
  t.equal(malformed.status, 400);
  t.equal((await stack.api.get('/api/v1/openings/not-a-uuid')).status, 400);
  t.equal((await stack.api.post('/api/v1/openings', openingInput(e.id))).status, 401, 'no token');
  t.equal(await count('employers'), before[0], 'no employer written');
  t.equal(await count('openings'), afterCreate, 'no opening written');
  t.equal(afterCreate, before[1]! + 1);
});

t.test('an Idempotency-Key makes a retried registration harmless', async (t) => {
  const input = employerInput();
  const key = `emp-${Date.now()}`;
  const a = await stack.api.post('/api/v1/employers', input, admin, { 'idempotency-key': key });
  const b = await stack.api.post('/api/v1/employers', input, admin, { 'idempotency-key': key });
  t.equal(a.status, 201);
  t.equal(b.status, 201);
  t.equal(b.body.id, a.body.id);
  t.equal(b.headers.get('idempotent-replayed'), 'true');
});
